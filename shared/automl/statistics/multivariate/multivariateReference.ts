import { z } from 'zod';

/**
 * `multivariate_reference.json`: what multivariate drift by data reconstruction (NannyML's
 * `DataReconstructionDriftCalculator`) needs from the reference, fitted once at training time.
 *
 * - `columns`: per feature, in the frame's order, the fitted transform: imputation (numeric: the
 *   mean of the present values, as `SimpleImputer(strategy='mean')`; categorical: the most
 *   frequent category, ties to the smallest, as `strategy='most_frequent'`), then for a
 *   categorical the count encoding (`CountEncoder(normalize=True)`: the category's share of the
 *   imputed reference rows; an unseen category encodes as 0, its `handle_unknown='value'`), then
 *   the standard scaling (`StandardScaler`: mean, population standard deviation, 1 for a
 *   constant column).
 * - `pca`: fitted on the scaled reference: its column means, the kept components (unit rows,
 *   the largest-magnitude loading positive: scikit-learn's `svd_flip(u_based_decision=False)`),
 *   and every eigenvalue of the covariance (ddof 1, descending) with its share of the total. The
 *   fewest leading components whose cumulative share exceeds `variance_share` are kept, as
 *   `PCA(n_components=0.65)`.
 * - `errors`: the per-row reconstruction error (Euclidean norm of the scaled row minus its
 *   reconstruction) over every reference row: count, mean and population standard deviation,
 *   from which the band of a window of any size follows (see `reconstructionThreshold`); and the
 *   errors of a seeded sample of at most `MULTIVARIATE_SAMPLE_SIZE` rows, in the sample's random
 *   order, that chunk into NannyML's reference chunks at a window's size (the report's figure).
 * - `threshold`: NannyML's `StandardDeviationThreshold`: mean ± `std_multiplier` σ.
 */
export const MULTIVARIATE_VARIANCE_SHARE = 0.65;
export const MULTIVARIATE_STD_MULTIPLIER = 3;
export const MULTIVARIATE_SAMPLE_SIZE = 5_000;

const finite = z.number().finite();

export const NumericTransformSchema = z.object({
  name: z.string().min(1),
  type: z.literal('numeric'),
  /** The value a missing (NaN, ±∞) cell takes: the mean of the present reference values (0 when there are none). */
  impute: finite,
  mean: finite,
  scale: z.number().finite().positive(),
});

export const CategoricalTransformSchema = z.object({
  name: z.string().min(1),
  type: z.literal('categorical'),
  /** The category a missing cell takes: the most frequent (null when the reference has none: every cell then encodes as 0). */
  impute: z.string().nullable(),
  /** Each reference category's share of the reference rows, after imputation. */
  frequencies: z.record(z.string(), z.number().min(0).max(1)),
  mean: finite,
  scale: z.number().finite().positive(),
});

export const ColumnTransformSchema = z.discriminatedUnion('type', [NumericTransformSchema, CategoricalTransformSchema]);
export type ColumnTransform = z.infer<typeof ColumnTransformSchema>;

export const PcaSchema = z.object({
  variance_share: z.number().gt(0).lt(1),
  /** Column means of the scaled reference (≈ 0), subtracted before projecting. */
  mean: z.array(finite),
  /** Kept components, k rows of one loading per column. */
  components: z.array(z.array(finite)),
  /** Every eigenvalue of the covariance, descending (clamped at 0). */
  explained_variance: z.array(z.number().finite().nonnegative()),
  explained_variance_ratio: z.array(z.number().min(0).max(1)),
});
export type Pca = z.infer<typeof PcaSchema>;

export const ReferenceErrorsSchema = z.object({
  rows: z.number().int().positive(),
  mean: z.number().finite().nonnegative(),
  std: z.number().finite().nonnegative(),
  sample_seed: z.number().int(),
  sample: z.array(z.number().finite().nonnegative()),
});
export type ReferenceErrors = z.infer<typeof ReferenceErrorsSchema>;

export const MultivariateReferenceSchema = z.object({
  format: z.literal('alm-multivariate-reference'),
  format_version: z.literal(1),
  source: z.enum(['training_split', 'recent_holdout']).default('training_split'),
  rows: z.number().int().positive(),
  columns: z.array(ColumnTransformSchema).min(1),
  pca: PcaSchema,
  errors: ReferenceErrorsSchema,
  threshold: z.object({ method: z.literal('standard_deviation'), std_multiplier: z.number().positive() }),
});
export type MultivariateReference = z.infer<typeof MultivariateReferenceSchema>;
export type MultivariateReferenceInput = z.input<typeof MultivariateReferenceSchema>;
