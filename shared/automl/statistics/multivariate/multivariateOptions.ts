import { z } from 'zod';
import { MULTIVARIATE_SAMPLE_SIZE, MULTIVARIATE_STD_MULTIPLIER, MULTIVARIATE_VARIANCE_SHARE } from './multivariateReference.js';

/**
 * How `fitMultivariateReference` fits, NannyML's defaults unless told:
 * - `features`: the frame's columns by name, in order (a `FeatureSpec[]` will do);
 * - `seed`: the sample of per-row errors kept (`errors.sample`);
 * - `variance_share` (0.65, `n_components`), `std_multiplier` (3, `StandardDeviationThreshold`),
 *   `sample_size` (5,000 rows at most in the sample), `source` (`training_split`).
 */
export const MultivariateOptionsSchema = z.object({
  features: z.array(z.object({ name: z.string().min(1) })).min(1),
  seed: z.number().int(),
  source: z.enum(['training_split', 'recent_holdout']).default('training_split'),
  variance_share: z.number().gt(0).lt(1).default(MULTIVARIATE_VARIANCE_SHARE),
  std_multiplier: z.number().finite().positive().default(MULTIVARIATE_STD_MULTIPLIER),
  sample_size: z.number().int().positive().default(MULTIVARIATE_SAMPLE_SIZE),
});
export type MultivariateOptions = z.infer<typeof MultivariateOptionsSchema>;
export type MultivariateOptionsInput = z.input<typeof MultivariateOptionsSchema>;
