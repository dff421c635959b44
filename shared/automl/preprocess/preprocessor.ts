import { z } from 'zod';

/** Trees see at most this many bins per feature, the missing bin included (codes fit a Uint8Array). */
export const MAX_BINS = 255;

/**
 * How one numeric feature is encoded, learned on training rows only. Linear models see
 * `(x − mean) / std` (population std over the median-imputed values, 1 when 0); trees see the bin
 * code `#{edges e : e < x}`, i.e. bin b holds `edges[b−1] < x ≤ edges[b]`.
 *
 * `missing_indicator` (absent = false, as in artifacts written before it): the training rows had
 * missing values. Linear models then get a 0/1 missing column right after the imputed value
 * (scikit-learn's SimpleImputer(add_indicator=True)); trees get the edges of the present values
 * and one more bin, the last code, for missing (LightGBM's NaN bin). Without it, a missing value
 * takes the median (and the median's bin).
 */
export const NumericEncodingSchema = z.object({
  kind: z.literal('numeric'),
  name: z.string(),
  median: z.number(),
  mean: z.number(),
  std: z.number(),
  edges: z.array(z.number()),
  missing_indicator: z.boolean().optional(),
});

/**
 * How one binary or categorical feature is encoded. `categories` are the training categories,
 * most frequent first. Without `missing_level` (absent = false) a missing value takes the most
 * frequent category; with it, missing is a level of its own (its own one-hot slot, its own tree
 * code, the last one). See `oneHotLayout.ts` and `categoryCodes.ts` for the layouts.
 *
 * - `one_hot_top`: non-binary only; the first `one_hot_top` categories have a one-hot slot each,
 *   the others share one "other" slot that unseen categories also take. Absent (older
 *   artifacts): every category has a slot and an unseen category is all zeros.
 * - `tree_codes`: non-binary only; 'ascending' = numeric categories coded in ascending numeric
 *   order (ordered for the trees); 'frequency' = most frequent first, then one "other" code for
 *   categories past the cap and unseen ones (unordered for the trees). Absent (older artifacts and
 *   binary features): most frequent first, capped, unseen → code 0.
 */
export const CategoricalEncodingSchema = z.object({
  kind: z.literal('categorical'),
  name: z.string(),
  binary: z.boolean(),
  categories: z.array(z.string()).min(1),
  missing_level: z.boolean().optional(),
  one_hot_top: z.number().int().nonnegative().optional(),
  tree_codes: z.enum(['frequency', 'ascending']).optional(),
});

export const FeatureEncodingSchema = z.discriminatedUnion('kind', [NumericEncodingSchema, CategoricalEncodingSchema]);
export type NumericEncoding = z.infer<typeof NumericEncodingSchema>;
export type CategoricalEncoding = z.infer<typeof CategoricalEncodingSchema>;
export type FeatureEncoding = z.infer<typeof FeatureEncodingSchema>;

/** The fitted preprocessing of every feature, in schema order. Pure JSON. */
export const PreprocessorSchema = z.object({ features: z.array(FeatureEncodingSchema).min(1) });
export type Preprocessor = z.infer<typeof PreprocessorSchema>;

/** One feature's value in a frame: a number (NaN = missing) or a category (null = missing). */
export type FeatureValue = number | string | null;
