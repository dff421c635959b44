import { parseTrainOptionsText } from '../shared/automl/training/prepareDataset.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { UnsupportedMediaTypeError } from '../shared/http/errors.js';
import { bodyText, header } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { adminRoute, guardRoutes, publicRoute } from '../shared/http/routeAccess.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import { PredictionLogMessageSchema } from '../shared/serving/predictionLogRecord.js';
import { InvalidFeedbackError } from '../shared/serving/errors.js';
import { recordFeedback } from '../shared/serving/recordFeedback.js';
import { requestBody } from '../shared/serving/requestBody.js';
import { storePredictionLog } from '../shared/serving/storePredictionLog.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/**
 * `ingest`, the data capture:
 * - `POST /ingest` (admin): a labeled CSV body (`content-type: text/csv`), training options in
 *   the query string (`?seed=7&candidates=linear`); 202 once stored and queued for training; a body
 *   over `ALM_MAX_INGEST_BYTES` is a 413 (a larger CSV goes through `alm ingest`, streamed to S3);
 * - `POST /feedback`: ground-truth labels `{records: [{prediction_id, actual}]}` of logged predictions;
 * - the predictions queue: each message's logged predictions, written as NDJSON to S3 (idempotent).
 */
export const handler = eventHandler(
  {
    http: httpRoutes(guardRoutes({
      'POST /ingest': adminRoute('ALM_MAX_INGEST_BYTES', async (request) => {
        const { registry, trainQueue } = runtime();
        const contentType = header(request, 'content-type') ?? '';
        if (!contentType.startsWith('text/csv')) throw new UnsupportedMediaTypeError(`expected content-type text/csv, got '${contentType}'`);
        const options = parseTrainOptionsText(request.query);
        const result = await ingestDataset({ datasets: registry.datasets, trainQueue }, bodyText(request), options);
        return json(202, { status: 'queued', ...result });
      }),
      'POST /feedback': publicRoute('ALM_MAX_BODY_BYTES', async (request) => {
        const { registry, models, clock, metrics, limits } = runtime();
        const { pipeline } = await models.current();
        const body = requestBody(bodyText(request), (problems) => new InvalidFeedbackError(problems));
        return json(200, await recordFeedback({ labels: registry.labels, clock, metrics }, pipeline.target, body, limits));
      }),
    }, () => runtime().guards)),
    sqs: sqsBatchProcessor(PredictionLogMessageSchema, (message) => storePredictionLog(runtime().registry, message)),
  },
  instrumentation,
);
