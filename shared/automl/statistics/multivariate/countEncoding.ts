import { imputedCategory } from './imputation.js';

/**
 * Count encoding as NannyML uses it: category_encoders' `CountEncoder(normalize=True)` fitted on
 * the imputed reference, so a category becomes its share of the reference rows (missing cells
 * count as the imputed category). A category the reference never had becomes 0
 * (`handle_unknown='value'`), which the scaling then places far from every seen one.
 */

/** Each category's share of the imputed rows, most frequent first (ties by category). */
export function fitFrequencies(values: readonly (string | null)[], impute: string | null): Record<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    const category = imputedCategory(value, impute);
    if (category !== null) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  const ordered = [...counts].sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0));
  // Object.fromEntries defines own properties, so a category named "__proto__" stays a key.
  return Object.fromEntries(ordered.map(([category, count]) => [category, count / values.length]));
}

/** The encoded value of one cell: its imputed category's reference share, 0 when unseen. */
export function frequencyOf(frequencies: Readonly<Record<string, number>>, value: string | null, impute: string | null): number {
  const category = imputedCategory(value, impute);
  return category !== null && Object.hasOwn(frequencies, category) ? frequencies[category] : 0;
}
