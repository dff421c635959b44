import { z } from 'zod';

/** Most values kept per numeric column (and for the prediction) in a stored reference. */
export const REFERENCE_SAMPLE_SIZE = 5_000;
/**
 * At most this many distinct values make a numeric column "few-valued": the default test then
 * counts values (Jensen–Shannon, chi-square, z) as Evidently's `n_unique <= 5` rule.
 */
export const FEW_VALUES = 5;
/**
 * A numeric column with at most this many distinct values keeps its exact value counts (a
 * glucose level in steps of 5, an age in years): Wasserstein then compares the current values
 * with the whole reference, not with a sample of it.
 */
export const VALUE_COUNTS_MAX = 256;

/**
 * The reference of one numeric column (or of a numeric model output).
 *
 * - `rows`: finite values in the whole reference; `missing`: the others (null, NaN, ±∞).
 * - `sample`: ascending finite values, all of them up to `REFERENCE_SAMPLE_SIZE`, else a seeded
 *   uniform sample without replacement of that many. What KS and Wasserstein compare with.
 * - `value_counts`: exact counts per value (keys `String(value)`) when the column has at most
 *   `VALUE_COUNTS_MAX` distinct values, else null (it then has more). References written before
 *   that limit kept counts only up to `FEW_VALUES` values: null there still means "more than
 *   `FEW_VALUES`", which is all the test choice reads.
 * - `bin_edges` and `bin_counts`: inner edges at the reference deciles (type 7, duplicates
 *   removed; bin 0 is (−∞, e₁], bin j is (e_j, e_{j+1}], the last (e_m, ∞)) and the exact counts
 *   of the whole reference in them: what PSI and the histograms use. Never recomputed from current data.
 */
export const NumericReferenceSchema = z.object({
  type: z.literal('numeric'),
  rows: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  sample: z.array(z.number()),
  value_counts: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  bin_edges: z.array(z.number()),
  bin_counts: z.array(z.number().int().nonnegative()),
});
export type NumericReference = z.infer<typeof NumericReferenceSchema>;

/** The reference of one categorical (or binary) column: exact counts per category, and the missing count. */
export const CategoricalReferenceSchema = z.object({
  type: z.literal('categorical'),
  rows: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type CategoricalReference = z.infer<typeof CategoricalReferenceSchema>;

export const ReferenceColumnSchema = z.discriminatedUnion('type', [NumericReferenceSchema, CategoricalReferenceSchema]);
export type ReferenceColumn = z.infer<typeof ReferenceColumnSchema>;

/**
 * `drift_reference.json`: everything a drift check compares production with, computed once at
 * training time so a check never reloads the training set (evidently#506).
 *
 * - `source`: which rows it describes — `training_split` (default), or `recent_holdout`: for a
 *   version retrained on production rows, the recent labeled rows kept out of its training, so
 *   the next checks compare production with what it looked like when the version was trained
 *   (a reference that mixes old and new rows would see the shift it was retrained on forever).
 * - `columns`: every feature of those rows, in schema order.
 * - `prediction`: the shipped model's outputs on its test split (a model refitted on every row
 *   trained on those rows too: its own outputs all the same, see trainModel.ts), or on the recent
 *   holdout (not out-of-fold outputs: those come from fold models fitted on fewer
 *   rows, whose outputs are distributed differently from the served model's; binary: the positive-class
 *   probability; regression: the value, both numeric; multiclass: the predicted class,
 *   categorical), what live outputs are compared with.
 * - `importances`: permutation importance per feature (see `permutationImportance`), for the
 *   decision engine's top-k rule.
 */
export const DriftReferenceSchema = z.object({
  format: z.literal('alm-drift-reference'),
  format_version: z.literal(1),
  source: z.enum(['training_split', 'recent_holdout']).default('training_split'),
  rows: z.number().int().nonnegative(),
  sample_seed: z.number().int(),
  columns: z.record(z.string(), ReferenceColumnSchema),
  prediction: ReferenceColumnSchema,
  importances: z.record(z.string(), z.number()),
  importance_method: z.string(),
});
export type DriftReference = z.infer<typeof DriftReferenceSchema>;
