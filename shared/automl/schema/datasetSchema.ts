import { z } from 'zod';
import { TaskSchema } from '../task.js';

/**
 * `schema.json`: what the model was trained on. The prediction service validates requests
 * against it. Categories are listed most frequent first; numeric ranges are the observed ones.
 */
export const FeatureTypeSchema = z.enum(['numeric', 'binary', 'categorical']);
export type FeatureType = z.infer<typeof FeatureTypeSchema>;

/**
 * One feature. When profiling is given `featureRows` (the training rows), `missing`, `range` and
 * `categories` count those rows only, and the type and drops are decided on them; the schema's
 * `rows` and `rows_without_target` are about the whole table. A binary feature may have one
 * category and `missing > 0`: "value" vs "missing".
 */
export const FeatureSpecSchema = z.object({
  name: z.string().min(1),
  type: FeatureTypeSchema,
  /** Binary and categorical features: the categories seen, most frequent first. */
  categories: z.array(z.string()).optional(),
  /** Numeric features: the observed range. */
  range: z.object({ min: z.number(), max: z.number() }).optional(),
  missing: z.number().int().nonnegative(),
});
export type FeatureSpec = z.infer<typeof FeatureSpecSchema>;

export const TargetRuleSchema = z.enum(['option', 'name', 'last_column']);
export type TargetRule = z.infer<typeof TargetRuleSchema>;

export const TargetSpecSchema = z.object({
  name: z.string().min(1),
  /** Which rule chose the target: `--target`, a target-like name, or the last column. */
  rule: TargetRuleSchema,
  task: TaskSchema,
  /** Classification: class labels in index order (numeric ascending, else lexicographic). */
  classes: z.array(z.string()).optional(),
  /** Binary: the class whose probability is reported (the last of `classes`). */
  positive_class: z.string().optional(),
});
export type TargetSpec = z.infer<typeof TargetSpecSchema>;

export const DropReasonSchema = z.enum(['constant', 'id_like', 'identical_to_target']);

/** Which ID-like rule fired (see `profile/idLikeRule.ts`). */
export const IdLikeRuleSchema = z.enum(['sequential', 'monotonic', 'pattern']);
export type IdLikeRule = z.infer<typeof IdLikeRuleSchema>;

export const DroppedColumnSchema = z.object({
  name: z.string(),
  reason: DropReasonSchema,
  detail: z.string(),
  /** `id_like` only; absent in schemas written before the rules were told apart. */
  rule: IdLikeRuleSchema.optional(),
});
export type DroppedColumn = z.infer<typeof DroppedColumnSchema>;

export const DatasetSchemaSchema = z.object({
  format_version: z.literal(1),
  target: TargetSpecSchema,
  features: z.array(FeatureSpecSchema).min(1),
  dropped: z.array(DroppedColumnSchema),
  rows: z.number().int().nonnegative(),
  rows_without_target: z.number().int().nonnegative(),
});
export type DatasetSchema = z.infer<typeof DatasetSchemaSchema>;
