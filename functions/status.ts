import { httpHandler } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { describeRegistry } from '../shared/lifecycle/describeRegistry.js';
import { runtime } from '../shared/runtime/runtime.js';

/** `GET /status` — production and recent candidates with verdicts; `GET /versions` — every version. */
export const handler = httpHandler(async (event) => {
  const { registry } = runtime();
  if (event.path.endsWith('/versions')) return json(200, { versions: await registry.listVersions() });
  return json(200, await describeRegistry(registry));
});
