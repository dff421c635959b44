import { parseTrainOptionsText } from '../shared/automl/training/prepareDataset.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { UnsupportedMediaTypeError } from '../shared/http/errors.js';
import { bodyText, header } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import { PredictionLogMessageSchema } from '../shared/serving/predictionLogRecord.js';
import { InvalidFeedbackError } from '../shared/serving/errors.js';
import { recordFeedback } from '../shared/serving/recordFeedback.js';
import { requestBody } from '../shared/serving/requestBody.js';
import { checkBodySize } from '../shared/serving/servingLimits.js';
import { storePredictionLog } from '../shared/serving/storePredictionLog.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/**
 * `ingest`, the data capture:
 * - `POST /ingest` (admin): a labeled CSV body (`content-type: text/csv`), training options in
 *   the query string (`?seed=7&candidates=linear`); 202 once stored and queued for training;
 * - `POST /feedback`: ground-truth labels `{records: [{prediction_id, actual}]}` of logged predictions;
 * - the predictions queue: each message's logged predictions, written as NDJSON to S3 (idempotent).
 */
export const handler = eventHandler(
  {
    http: httpRoutes({
      'POST /ingest': async (request) => {
        const { config, registry, trainQueue } = runtime();
        requireApiKey(request, config.ALM_API_KEY);
        const contentType = header(request, 'content-type') ?? '';
        if (!contentType.startsWith('text/csv')) throw new UnsupportedMediaTypeError(`expected content-type text/csv, got '${contentType}'`);
        const options = parseTrainOptionsText(request.query);
        const result = await ingestDataset({ datasets: registry.datasets, trainQueue }, bodyText(request), options);
        return json(202, { status: 'queued', ...result });
      },
      'POST /feedback': async (request) => {
        const { registry, models, clock, metrics, limits } = runtime();
        checkBodySize(Buffer.byteLength(request.body), limits);
        const { pipeline } = await models.current();
        const body = requestBody(bodyText(request), (problems) => new InvalidFeedbackError(problems));
        return json(200, await recordFeedback({ labels: registry.labels, clock, metrics }, pipeline.target, body, limits));
      },
    }),
    sqs: sqsBatchProcessor(PredictionLogMessageSchema, (message) => storePredictionLog(runtime().registry, message)),
  },
  instrumentation,
);
