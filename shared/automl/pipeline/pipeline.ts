import { z } from 'zod';
import { ModelNameSchema } from '../ensemble/modelName.js';
import { PreprocessorSchema } from '../preprocess/preprocessor.js';
import { FeatureSpecSchema, TargetSpecSchema } from '../schema/datasetSchema.js';

/**
 * The chosen pipeline: what a prediction needs, as pure JSON. `features` are the schema's
 * (for typing input), `preprocessor` was fitted on the training split, `model` is the
 * candidate's own JSON. Binary pipelines carry the decision `threshold` (max F1 on validation).
 */
export const PipelineSchema = z.object({
  target: TargetSpecSchema,
  features: z.array(FeatureSpecSchema).min(1),
  preprocessor: PreprocessorSchema,
  candidate: ModelNameSchema,
  params: z.record(z.string(), z.unknown()),
  threshold: z.number().optional(),
  model: z.record(z.string(), z.unknown()),
});
export type Pipeline = z.infer<typeof PipelineSchema>;
