import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { json } from '../shared/http/responses.js';
import { checkDrift } from '../shared/lifecycle/checkDrift.js';
import { httpInstrumentation, runtime } from '../shared/runtime/runtime.js';

/**
 * `drift-check`: the schedule runs the check and logs the report; `POST /drift-check` (admin)
 * runs it now and returns the report.
 */
export const handler = eventHandler(
  {
    schedule: async () => {
      const report = await checkDrift(runtime().registry);
      console.log(JSON.stringify({ level: 'info', drift: report }));
      return report;
    },
    http: httpRoutes({
      'POST /drift-check': async (request) => {
        const { registry, config } = runtime();
        requireApiKey(request, config.ALM_API_KEY);
        return json(200, await checkDrift(registry));
      },
    }),
  },
  httpInstrumentation,
);
