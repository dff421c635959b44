import { z } from 'zod';
import type { FeatureRecord } from '../automl/pipeline/rowPredictor.js';
import type { VersionId } from '../registry/ids.js';
import { InvalidRequestError } from './errors.js';
import type { ProductionModelProvider } from './productionModel.js';

/** At most this many records per request. */
export const MAX_RECORDS = 1000;

const RecordSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** A request body: one record, or `{records: [...]}`. */
export const PredictRequestSchema = z.union([
  z.object({ records: z.array(RecordSchema).min(1).max(MAX_RECORDS) }).strict(),
  RecordSchema,
]);
export type PredictRequest = z.infer<typeof PredictRequestSchema>;

/** One prediction: the label (or value), the positive-class probability, or all class probabilities. */
export interface Prediction {
  readonly prediction: string | number;
  readonly probability?: number;
  readonly probabilities?: Record<string, number>;
}

export interface PredictResult {
  readonly model_version: VersionId;
  readonly predictions: Prediction[];
}

/**
 * The predict use case: every record must carry every feature of the served model's schema
 * (null for a missing value); extra fields are ignored; an unseen category is allowed. Numeric
 * features take numbers or numeric strings.
 */
export async function predictRecords(provider: ProductionModelProvider, request: PredictRequest): Promise<PredictResult> {
  const model = await provider.current();
  const records: FeatureRecord[] = 'records' in request && Array.isArray(request.records) ? request.records : [request as FeatureRecord];
  const { target, features, threshold = 0.5 } = model.pipeline;
  const classes = target.classes ?? [];
  const predictions = records.map((record, index): Prediction => {
    const missing = features.filter((f) => !(f.name in record)).map((f) => f.name);
    if (missing.length > 0) {
      throw new InvalidRequestError(`record ${index + 1} lacks feature(s) ${missing.join(', ')} (send null for a missing value)`);
    }
    const out = model.predictRecord(record);
    if (target.task === 'regression') return { prediction: out[0] };
    if (target.task === 'binary') return { prediction: classes[out[0] >= threshold ? 1 : 0], probability: out[0] };
    let best = 0;
    for (let k = 1; k < out.length; k++) if (out[k] > out[best]) best = k;
    return { prediction: classes[best], probabilities: Object.fromEntries(classes.map((c, k) => [c, out[k]])) };
  });
  return { model_version: model.version, predictions };
}
