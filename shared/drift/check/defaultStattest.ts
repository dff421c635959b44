import { FEW_VALUES } from '../../automl/statistics/driftReference.js';
import { distinctValues } from './columnBins.js';
import type { ColumnSample } from './columnSample.js';
import type { StattestName } from './stattests.js';

/** Reference sizes up to this get the p-value tests; larger ones the distances (Evidently's cut). */
export const SMALL_REFERENCE_ROWS = 1_000;

/**
 * The default test of a column, as Evidently's `_get_default_stattest` chooses it, on the values
 * left once NaN and ±∞ are dropped; `n_unique` counts the distinct values of reference and
 * current together, and the reference size is its number of usable values:
 * - reference ≤ 1,000: numeric with n_unique > 5 → `ks`; numeric with 3–5 values or categorical
 *   with more than 2 → `chisquare`; 2 values or fewer → `z`;
 * - reference > 1,000: numeric with n_unique > 5 → `wasserstein`; anything else → `jensenshannon`.
 */
export function defaultStattest(sample: ColumnSample): StattestName {
  // A large reference needs n_unique only for a numeric column (whose count stops early): a
  // categorical one goes to Jensen–Shannon whatever its count, so its values are not counted.
  if (sample.reference.rows > SMALL_REFERENCE_ROWS) return sample.type === 'numeric' && distinctValues(sample) > FEW_VALUES ? 'wasserstein' : 'jensenshannon';
  const nUnique = distinctValues(sample);
  if (sample.type === 'numeric' && nUnique > FEW_VALUES) return 'ks';
  return nUnique > 2 ? 'chisquare' : 'z';
}
