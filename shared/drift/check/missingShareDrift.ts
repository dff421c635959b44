import { twoProportionZTest } from '../twoProportionZTest.js';

/** A missing share must move by at least this much (absolute) to count as drift. */
export const MISSING_SHARE_MIN_CHANGE = 0.05;
/** …and be significant by the two-proportion z-test at this level. */
export const MISSING_SHARE_P_VALUE = 0.05;

/** Missing shares of both sides, and whether the share drifted. */
export interface MissingShareDrift {
  readonly reference: number;
  readonly current: number;
  readonly drift: boolean;
  readonly p_value: number;
}

/**
 * Drift in the share of missing values (null, NaN, ±∞) of one column: the two-proportion z-test
 * p < 0.05 AND a change of at least 0.05 in share, so that a large window does not flag a
 * negligible change. Unequal missing rates never break the value test, which drops them.
 */
export function missingShareDrift(referenceMissing: number, referenceRows: number, currentMissing: number, currentRows: number): MissingShareDrift {
  const reference = referenceRows > 0 ? referenceMissing / referenceRows : 0;
  const current = currentRows > 0 ? currentMissing / currentRows : 0;
  if (referenceRows === 0 || currentRows === 0) return { reference, current, drift: false, p_value: 1 };
  const { p_value } = twoProportionZTest(referenceMissing, referenceRows, currentMissing, currentRows);
  return { reference, current, drift: p_value < MISSING_SHARE_P_VALUE && Math.abs(current - reference) >= MISSING_SHARE_MIN_CHANGE, p_value };
}
