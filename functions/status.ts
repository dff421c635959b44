import { renderConsole } from '../shared/console/renderConsole.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { jsonBody } from '../shared/http/request.js';
import { html, json } from '../shared/http/responses.js';
import { buildConsoleView } from '../shared/lifecycle/consoleView.js';
import { modelInfo } from '../shared/lifecycle/modelInfo.js';
import { receiveAlerts } from '../shared/lifecycle/receiveAlerts.js';
import { describeRegistry, listVersions, versionDetail } from '../shared/lifecycle/registryStatus.js';
import { AlertmanagerWebhookSchema } from '../shared/registry/alertSchemas.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/** The console page, from the registry and the sidecar's traffic history. */
async function consolePage() {
  const { registry, clock, sidecar } = runtime();
  return html(200, renderConsole(await buildConsoleView({ registry, clock, traffic: () => sidecar.traffic() })));
}

/**
 * `GET /status`: production, recent candidates with verdicts, ground-truth counts, recent alerts;
 * `GET /versions`: every version with its lineage; `GET /versions/<v>`: one, with lineage, verdict and metrics; `GET /model_info`: the production version's manifest and figures;
 * `GET /console` (and `GET /`): the console page; `GET /metrics`: the sidecar's exposition;
 * `POST /alerts` (admin, `x-api-key` or a bearer token): Alertmanager's webhook.
 */
export const handler = eventHandler(
  {
    http: httpRoutes({
      'GET /status': async () => json(200, await describeRegistry(runtime().registry, runtime().feedbackTally, runtime().clock)),
      'GET /versions': async () => json(200, await listVersions(runtime().registry)),
      'GET /versions/{version}': async (_request, { version }) => json(200, await versionDetail(runtime().registry, version)),
      'GET /model_info': async () => json(200, await modelInfo(runtime().registry)),
      'GET /console': consolePage,
      'GET /': consolePage,
      'GET /metrics': async () => {
        const exposition = await runtime().sidecar.exposition();
        return { statusCode: 200, headers: { 'content-type': exposition.contentType }, body: exposition.body };
      },
      'POST /alerts': async (request) => {
        const { registry, clock, config } = runtime();
        requireApiKey(request, config.ALM_API_KEY);
        return json(200, await receiveAlerts({ alerts: registry.alerts, clock }, jsonBody(request, AlertmanagerWebhookSchema)));
      },
    }),
  },
  instrumentation,
);
