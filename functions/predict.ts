import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { bodyText } from '../shared/http/request.js';
import { guardRoutes, publicRoute } from '../shared/http/routeAccess.js';
import { json } from '../shared/http/responses.js';
import { serviceHealth } from '../shared/lifecycle/serviceHealth.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';
import { predictRecords } from '../shared/serving/predictRecords.js';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { requestBody } from '../shared/serving/requestBody.js';

/**
 * `POST /predict`: one record, or `{records: [...]}`, scored by the production model; every
 * accepted prediction goes to the prediction log off the response path (in `sync` log mode, the
 * buffer is flushed before the invocation returns, for runtimes that freeze between invocations).
 * `GET /health`: 200 with the serving status, the served version and the last reload error.
 */
export const handler = eventHandler(
  {
    http: httpRoutes(guardRoutes({
      'POST /predict': publicRoute('ALM_MAX_BODY_BYTES', async (request) => {
        const { models, predictionIds, predictionLog, metrics, limits } = runtime();
        const answer = await predictRecords({ models, ids: predictionIds, log: predictionLog, metrics, limits }, requestBody(bodyText(request), (problems) => new InvalidPredictRequestError(problems)));
        await predictionLog.settle();
        return json(200, answer);
      }),
      'GET /health': publicRoute('ALM_MAX_CONTROL_BODY_BYTES', async () => json(200, await serviceHealth(runtime().models, runtime().predictionLog))),
    }, () => runtime().guards)),
  },
  instrumentation,
);
