import { z } from 'zod';

/** Trees see at most this many bins per feature (codes fit a Uint8Array). */
export const MAX_BINS = 255;

/**
 * How one numeric feature is encoded, learned on training rows only: missing values take the
 * median; linear models see `(x − mean) / std` (population std, 1 when 0); trees see the bin code
 * `#{edges e : e < x}`, i.e. bin b holds `edges[b−1] < x ≤ edges[b]`.
 */
export const NumericEncodingSchema = z.object({
  kind: z.literal('numeric'),
  name: z.string(),
  median: z.number(),
  mean: z.number(),
  std: z.number(),
  edges: z.array(z.number()),
});

/**
 * How one binary or categorical feature is encoded: missing values take the most frequent
 * category. Linear models see one-hot columns, one per training category (binary: one column,
 * the indicator of the second category); an unseen category encodes as all zeros. Trees see the
 * category's index (most frequent first), capped at `MAX_BINS − 1`; unseen categories take the
 * most frequent category's code.
 */
export const CategoricalEncodingSchema = z.object({
  kind: z.literal('categorical'),
  name: z.string(),
  binary: z.boolean(),
  categories: z.array(z.string()).min(1),
});

export const FeatureEncodingSchema = z.discriminatedUnion('kind', [NumericEncodingSchema, CategoricalEncodingSchema]);
export type NumericEncoding = z.infer<typeof NumericEncodingSchema>;
export type CategoricalEncoding = z.infer<typeof CategoricalEncodingSchema>;
export type FeatureEncoding = z.infer<typeof FeatureEncodingSchema>;

/** The fitted preprocessing of every feature, in schema order. Pure JSON. */
export const PreprocessorSchema = z.object({ features: z.array(FeatureEncodingSchema).min(1) });
export type Preprocessor = z.infer<typeof PreprocessorSchema>;

/** One-hot columns a categorical encoding produces for linear models. */
export function oneHotWidth(encoding: CategoricalEncoding): number {
  return encoding.binary ? encoding.categories.length - 1 : encoding.categories.length;
}

/** Number of tree bins of an encoding. */
export function binCount(encoding: FeatureEncoding): number {
  return encoding.kind === 'numeric' ? encoding.edges.length + 1 : Math.min(encoding.categories.length, MAX_BINS);
}
