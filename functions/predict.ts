import { httpHandler, jsonBody } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { PredictRequestSchema, predictRecords } from '../shared/lifecycle/predictRecords.js';
import { runtime } from '../shared/runtime/runtime.js';

/**
 * `POST /predict` — one record, or `{records: [...]}`, scored by the production model.
 * `GET /health` — 200 with the served version and the last reload error, if any.
 */
export const handler = httpHandler(async (event) => {
  const { models } = runtime();
  if (event.method === 'GET') {
    await models.current().catch(() => undefined);
    const health = models.health();
    const status = health.model_version === null ? 'no_model' : health.last_reload_error ? 'degraded' : 'ok';
    return json(200, { status, ...health });
  }
  return json(200, await predictRecords(models, jsonBody(event, PredictRequestSchema)));
});
