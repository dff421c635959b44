import type { Pipeline } from '../automl/pipeline/pipeline.js';
import type { FeatureRecord } from '../automl/pipeline/rowPredictor.js';
import type { Metrics } from '../ports/metrics.js';
import type { VersionId } from '../registry/ids.js';
import type { PredictionLog } from './predictionLog.js';
import { predictionTime } from './predictionId.js';
import type { PredictionId, PredictionLogRecord } from './predictionLogRecord.js';
import { buildOutputDecoder, type Prediction, type PredictionOutput, type PredictResponse } from './predictionOutput.js';
import { buildRequestValidator, type RequestValidator, type UnseenCategory, type ValidatedRecord } from './requestValidator.js';
import type { ServingLimits } from './servingLimits.js';

/**
 * The served model as this use case needs it; `ProductionModelProvider`'s `ServedModel` is one.
 * (Declared here, not imported: lifecycle depends on serving, never the other way.)
 */
export interface ServingModel {
  readonly version: VersionId;
  readonly pipeline: Pipeline;
  readonly predictRecord: (record: FeatureRecord) => Float64Array;
}

export interface PredictPorts {
  /** The production model provider: a new ServingModel object whenever another version is loaded. */
  readonly models: { current(): Promise<ServingModel> };
  readonly ids: () => PredictionId;
  /** Where accepted predictions are logged: `append` never blocks and never throws (the log counts its own drops). */
  readonly log: Pick<PredictionLog, 'append'>;
  readonly metrics: Metrics;
  readonly limits: ServingLimits;
}

/** What a served version needs per request, built on its first request and kept as long as the version is served. */
interface ServingPlan {
  readonly limits: ServingLimits;
  readonly validate: RequestValidator;
  readonly decode: (out: ArrayLike<number>) => PredictionOutput;
}

const plans = new WeakMap<ServingModel, ServingPlan>();

function planOf(model: ServingModel, limits: ServingLimits): ServingPlan {
  let plan = plans.get(model);
  if (plan?.limits !== limits) {
    plan = { limits, validate: buildRequestValidator(model, limits), decode: buildOutputDecoder(model.pipeline) };
    plans.set(model, plan);
  }
  return plan;
}

/**
 * The `POST /predict` use case on an already parsed JSON body: validate it against the served
 * version (InvalidPredictRequestError, 400, naming every bad field; PayloadTooLargeError, 413),
 * predict every record, log one PredictionLogRecord per prediction (`timestamp` = the time in
 * its `prediction_id`, `record` = the validated record) without waiting, and count
 * `predictions_total{model_version}`, `prediction_value{model_version}` (one observation per
 * prediction) and `unseen_categories_total{feature}`, and report the served version as
 * `alm_production_model_info{model_version}`.
 *
 * The validator and decoder are cached per ServingModel object (the provider makes a new one
 * per loaded version), so a version pays for building them once.
 */
export async function predictRecords(ports: PredictPorts, body: unknown): Promise<PredictResponse> {
  const model = await ports.models.current();
  const { validate, decode } = planOf(model, ports.limits);
  const { records, warnings, unseen } = validate(body);
  const model_version = model.version;
  const predictions: Prediction[] = [];
  const logged: PredictionLogRecord[] = [];
  const labels = { model_version };
  let idPrefix = '';
  let timestamp = '';
  for (const record of records) {
    const output = decode(model.predictRecord(record));
    const prediction = answer(ports.ids(), output);
    // Ids of one request nearly always share their millisecond (the first 13 characters): convert its time once.
    if (prediction.prediction_id.slice(0, 13) !== idPrefix) {
      idPrefix = prediction.prediction_id.slice(0, 13);
      timestamp = predictionTime(prediction.prediction_id).toISOString();
    }
    predictions.push(prediction);
    logged.push(logEntry(prediction, model_version, timestamp, record));
    ports.metrics.observe('prediction_value', output.value, labels);
  }
  ports.log.append(logged);
  ports.metrics.increment('predictions_total', { model_version }, predictions.length);
  ports.metrics.set('alm_production_model_info', 1, labels);
  countUnseen(ports.metrics, unseen);
  return { model_version, predictions, warnings };
}

/** Objects built field by field: spreading them costs more than the prediction itself. */
function answer(prediction_id: PredictionId, output: PredictionOutput): Prediction {
  if (output.probabilities) return { prediction_id, prediction: output.prediction, probabilities: output.probabilities };
  if (output.probability !== undefined) return { prediction_id, prediction: output.prediction, probability: output.probability };
  return { prediction_id, prediction: output.prediction };
}

function logEntry(prediction: Prediction, model_version: VersionId, timestamp: string, record: ValidatedRecord): PredictionLogRecord {
  const { prediction_id } = prediction;
  const entry: PredictionLogRecord = { prediction_id, model_version, timestamp, record, prediction: prediction.prediction };
  if (prediction.probability !== undefined) entry.probability = prediction.probability;
  if (prediction.probabilities) entry.probabilities = prediction.probabilities;
  return entry;
}

function countUnseen(metrics: Metrics, unseen: readonly UnseenCategory[]): void {
  if (unseen.length === 0) return;
  const byFeature = new Map<string, number>();
  for (const { feature } of unseen) byFeature.set(feature, (byFeature.get(feature) ?? 0) + 1);
  for (const [feature, count] of byFeature) metrics.increment('unseen_categories_total', { feature }, count);
}
