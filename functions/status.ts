import { renderConsole } from '../shared/console/renderConsole.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { jsonBody } from '../shared/http/request.js';
import { html, json } from '../shared/http/responses.js';
import { adminRoute, guardRoutes, publicRoute, type RouteHandler } from '../shared/http/routeAccess.js';
import { buildConsoleView } from '../shared/lifecycle/consoleView.js';
import { modelInfo } from '../shared/lifecycle/modelInfo.js';
import { receiveAlerts } from '../shared/lifecycle/receiveAlerts.js';
import { describeRegistry, listVersions, versionDetail } from '../shared/lifecycle/registryStatus.js';
import { AlertmanagerWebhookSchema } from '../shared/registry/alertSchemas.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/** A public read route (its body, if any, within ALM_MAX_CONTROL_BODY_BYTES). */
const read = (handle: RouteHandler) => publicRoute('ALM_MAX_CONTROL_BODY_BYTES', handle);

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
    http: httpRoutes(guardRoutes({
      'GET /status': read(async () => json(200, await describeRegistry(runtime().registry, runtime().feedbackTally, runtime().clock))),
      'GET /versions': read(async () => json(200, await listVersions(runtime().registry))),
      'GET /versions/{version}': read(async (_request, { version }) => json(200, await versionDetail(runtime().registry, version))),
      'GET /model_info': read(async () => json(200, await modelInfo(runtime().registry))),
      'GET /console': read(consolePage),
      'GET /': read(consolePage),
      'GET /metrics': read(async () => {
        const exposition = await runtime().sidecar.exposition();
        return { statusCode: 200, headers: { 'content-type': exposition.contentType }, body: exposition.body };
      }),
      'POST /alerts': adminRoute('ALM_MAX_CONTROL_BODY_BYTES', async (request) => {
        const { registry, clock } = runtime();
        return json(200, await receiveAlerts({ alerts: registry.alerts, clock }, jsonBody(request, AlertmanagerWebhookSchema)));
      }),
    }, () => runtime().guards)),
  },
  instrumentation,
);
