import { z } from 'zod';
import { InvalidDatasetError } from '../automl/errors.js';
import { decodePrediction, type DecodedPrediction } from '../automl/pipeline/decodePrediction.js';
import type { FeatureRecord } from '../automl/pipeline/rowPredictor.js';
import type { VersionId } from '../registry/ids.js';
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

export interface PredictResult {
  readonly model_version: VersionId;
  readonly predictions: DecodedPrediction[];
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
  const predictions = records.map((record, index) => {
    const missing = features.filter((f) => !(f.name in record)).map((f) => f.name);
    if (missing.length > 0) {
      throw new InvalidDatasetError(`record ${index + 1} lacks feature(s) ${missing.join(', ')} (send null for a missing value)`);
    }
    return decodePrediction(target, threshold, model.predictRecord(record));
  });
  return { model_version: model.version, predictions };
}
