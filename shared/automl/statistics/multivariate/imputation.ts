/**
 * Imputation of missing cells before encoding, as NannyML's defaults: scikit-learn's
 * `SimpleImputer(strategy='mean')` for numeric columns and `SimpleImputer(strategy='most_frequent')`
 * for categorical ones (a tie goes to the smallest category, as scikit-learn's `_most_frequent`;
 * here by UTF-16 code units). A numeric cell is missing when it is not finite (NaN, ±∞); a
 * categorical one when it is null. A column with no present value imputes 0 (numeric) or null
 * (categorical), where scikit-learn would drop the column.
 */

/** The mean of the finite values, 0 when there are none. */
export function meanImputation(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/** The most frequent present category (ties: the smallest), null when every cell is missing. */
export function mostFrequentImputation(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [category, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && category < best)) {
      best = category;
      bestCount = count;
    }
  }
  return best;
}

/** A numeric cell after imputation. */
export function imputedNumber(value: number, impute: number): number {
  return Number.isFinite(value) ? value : impute;
}

/** A categorical cell after imputation. */
export function imputedCategory(value: string | null, impute: string | null): string | null {
  return value === null ? impute : value;
}
