import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { json } from '../shared/http/responses.js';
import { describeRegistry, listVersions } from '../shared/lifecycle/registryStatus.js';
import { runtime } from '../shared/runtime/runtime.js';

/** `GET /status`: production and recent candidates with verdicts; `GET /versions`: every version. */
export const handler = eventHandler({
  http: httpRoutes({
    'GET /status': async () => json(200, await describeRegistry(runtime().registry)),
    'GET /versions': async () => json(200, await listVersions(runtime().registry)),
  }),
});
