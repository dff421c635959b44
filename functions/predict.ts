import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { jsonBody } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { PredictRequestSchema, predictRecords } from '../shared/lifecycle/predictRecords.js';
import { serviceHealth } from '../shared/lifecycle/serviceHealth.js';
import { runtime } from '../shared/runtime/runtime.js';

/**
 * `POST /predict`: one record, or `{records: [...]}`, scored by the production model.
 * `GET /health`: 200 with the serving status, the served version and the last reload error.
 */
export const handler = eventHandler({
  http: httpRoutes({
    'POST /predict': async (request) => json(200, await predictRecords(runtime().models, jsonBody(request, PredictRequestSchema))),
    'GET /health': async () => json(200, await serviceHealth(runtime().models)),
  }),
});
