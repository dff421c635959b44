/**
 * One-hot slots of a binary or categorical feature for linear models, as scikit-learn's
 * OneHotEncoder(max_categories, min_frequency, handle_unknown='infrequent_if_exist'):
 *
 * - non-binary: the first `one_hot_top` categories (most frequent first) have a slot each; when
 *   there are more categories, one "other" (infrequent) slot follows, shared by the rest and by
 *   unseen categories (without an "other" slot an unseen category is all zeros). Absent
 *   `one_hot_top` (older artifacts): every category has a slot.
 * - binary: one slot, the indicator of the second category (a single-category binary has none);
 *   an unseen value is all zeros.
 * - `missing_level`: missing gets the last slot (so a binary "value-or-empty" feature is one
 *   present-vs-missing column); without it a missing value takes the most frequent category.
 */
import type { CategoricalEncoding } from './preprocessor.js';

/** One-hot columns of the feature. */
export function oneHotWidth(encoding: CategoricalEncoding): number {
  return categorySlotCount(encoding) + (encoding.missing_level ? 1 : 0);
}

/** Slots of the categories themselves ("other" included, the missing slot excluded). */
function categorySlotCount(encoding: CategoricalEncoding): number {
  const c = encoding.categories.length;
  if (encoding.binary) return c - 1;
  const top = Math.min(encoding.one_hot_top ?? c, c);
  return top < c ? top + 1 : top;
}

/** Category (null = missing) → slot within the feature's columns, −1 for none (all zeros). */
export function oneHotSlotter(encoding: CategoricalEncoding): (value: string | null) => number {
  const c = encoding.categories.length;
  const slots = categorySlotCount(encoding);
  const slot = new Map<string, number>();
  let unseen = -1;
  if (encoding.binary) {
    if (c > 1) slot.set(encoding.categories[1], 0);
  } else {
    const top = Math.min(encoding.one_hot_top ?? c, c);
    encoding.categories.forEach((category, i) => slot.set(category, Math.min(i, top)));
    if (top < c) unseen = top;
  }
  const missing = encoding.missing_level ? slots : (slot.get(encoding.categories[0]) ?? -1);
  return (value) => (value === null ? missing : (slot.get(value) ?? unseen));
}
