import { allNumeric } from '../automl/schema/numericCategories.js';
import { z } from 'zod';
import { decodePrediction } from '../automl/pipeline/decodePrediction.js';
import type { Pipeline } from '../automl/pipeline/pipeline.js';
import { VersionIdSchema } from '../registry/ids.js';
import { PredictionLogRecordSchema } from './predictionLogRecord.js';

/** One answered prediction, as `POST /predict` returns it: the answer part of its log record. */
export const PredictionSchema = PredictionLogRecordSchema.pick({
  prediction_id: true,
  prediction: true,
  probability: true,
  probabilities: true,
});
export type Prediction = z.infer<typeof PredictionSchema>;

/** The `POST /predict` response. */
export const PredictResponseSchema = z.object({
  model_version: VersionIdSchema,
  predictions: z.array(PredictionSchema),
  warnings: z.array(z.string()),
});
export type PredictResponse = z.infer<typeof PredictResponseSchema>;

/** A decoded model output, and the one number the `prediction_value` histogram records of it. */
export interface PredictionOutput {
  readonly prediction: string | number;
  readonly probability?: number;
  readonly probabilities?: Record<string, number>;
  readonly value: number;
}

/**
 * Decodes a row of model outputs in the target's own type, built once per served version:
 * - a class label is a number when every class of the target is a number (the CSV column was
 *   numeric, e.g. 0/1), else its text; regression: the value;
 * - binary: `probability` of the positive class (the label at the F1 threshold); multiclass:
 *   `probabilities` per class (the label is the most probable).
 * `value` is the probability for binary, the value for regression, the top probability for multiclass.
 */
export function buildOutputDecoder(pipeline: Pipeline): (out: ArrayLike<number>) => PredictionOutput {
  const { target, threshold = 0.5 } = pipeline;
  const classes = target.classes ?? [];
  const numeric = allNumeric(classes);
  const labelOf = new Map<string | number, string | number>(classes.map((c) => [c, numeric ? Number(c) : c]));
  return (out) => {
    const decoded = decodePrediction(target, threshold, out);
    if (target.task === 'regression') return { prediction: out[0], value: out[0] };
    const prediction = labelOf.get(decoded.prediction) as string | number;
    const { probability, probabilities } = decoded;
    if (probabilities) return { prediction, probabilities, value: Math.max(...Object.values(probabilities)) };
    return { prediction, probability, value: probability as number };
  };
}
