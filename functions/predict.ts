import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { bodyText } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { serviceHealth } from '../shared/lifecycle/serviceHealth.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';
import { predictRecords } from '../shared/serving/predictRecords.js';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { requestBody } from '../shared/serving/requestBody.js';
import { checkBodySize } from '../shared/serving/servingLimits.js';

/**
 * `POST /predict`: one record, or `{records: [...]}`, scored by the production model; every
 * accepted prediction goes to the prediction log off the response path (in `sync` log mode, the
 * buffer is flushed before the invocation returns, for runtimes that freeze between invocations).
 * `GET /health`: 200 with the serving status, the served version and the last reload error.
 */
export const handler = eventHandler(
  {
    http: httpRoutes({
      'POST /predict': async (request) => {
        const { models, predictionIds, predictionLog, metrics, limits } = runtime();
        checkBodySize(Buffer.byteLength(request.body), limits);
        const answer = await predictRecords({ models, ids: predictionIds, log: predictionLog, metrics, limits }, requestBody(bodyText(request), (problems) => new InvalidPredictRequestError(problems)));
        await predictionLog.settle();
        return json(200, answer);
      },
      'GET /health': async () => json(200, await serviceHealth(runtime().models)),
    }),
  },
  instrumentation,
);
