import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { json } from '../shared/http/responses.js';
import { modelInfo } from '../shared/lifecycle/modelInfo.js';
import { describeRegistry, listVersions, versionDetail } from '../shared/lifecycle/registryStatus.js';
import { httpInstrumentation, runtime } from '../shared/runtime/runtime.js';

/**
 * `GET /status`: production, recent candidates with verdicts, ground-truth counts;
 * `GET /versions`: every version with its lineage; `GET /versions/<v>`: one, with lineage, verdict and metrics; `GET /model_info`: the production version's manifest and figures.
 */
export const handler = eventHandler(
  {
    http: httpRoutes({
      'GET /status': async () => json(200, await describeRegistry(runtime().registry, runtime().feedbackTally, runtime().clock)),
      'GET /versions': async () => json(200, await listVersions(runtime().registry)),
      'GET /versions/{version}': async (_request, { version }) => json(200, await versionDetail(runtime().registry, version)),
      'GET /model_info': async () => json(200, await modelInfo(runtime().registry)),
    }),
  },
  httpInstrumentation,
);
