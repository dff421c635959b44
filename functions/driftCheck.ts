import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { html, json } from '../shared/http/responses.js';
import { adminRoute, guardRoutes, publicRoute } from '../shared/http/routeAccess.js';
import { listReports, readReport } from '../shared/lifecycle/driftReports.js';
import { watchProduction } from '../shared/lifecycle/watchProduction.js';
import { driftCheckSettingsOf } from '../shared/runtime/runtimeConfig.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/** One tick (guard, then drift check) with this container's ports and settings. */
function check() {
  const { registry, trainQueue, metrics, clock, config } = runtime();
  return watchProduction({ registry, trainQueue, metrics, clock }, driftCheckSettingsOf(config));
}

/**
 * `drift-check`: the schedule runs the post-promotion guard (rollback of a promotion that does
 * worse live) and the check on the production traffic of the window (report, live quality,
 * decision, retrain request) and logs both outcomes; `POST /drift-check` (admin) runs it now and
 * returns the outcome. `GET /reports` lists the reports; `GET /reports/latest`, `/reports/<id>`
 * serve one as HTML and `/reports/<id>.json` as its document.
 */
export const handler = eventHandler(
  {
    schedule: async () => {
      const { guard, ...drift } = await check();
      console.log(JSON.stringify({ level: 'info', drift, guard }));
      return { ...drift, guard };
    },
    http: httpRoutes(guardRoutes({
      'POST /drift-check': adminRoute('ALM_MAX_CONTROL_BODY_BYTES', async () => json(200, await check())),
      'GET /reports': publicRoute('ALM_MAX_CONTROL_BODY_BYTES', async () => json(200, await listReports(runtime().registry))),
      'GET /reports/{id}': publicRoute('ALM_MAX_CONTROL_BODY_BYTES', async (_request, { id }) => {
        const report = await readReport(runtime().registry, id);
        return report.format === 'html' ? html(200, report.body) : json(200, report.body);
      }),
    }, () => runtime().guards)),
  },
  instrumentation,
);
