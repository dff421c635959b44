/**
 * Tree codes of a binary or categorical feature, at most MAX_BINS codes, the missing code last.
 *
 * - 'frequency' (text categories, unordered for the trees): the k most frequent categories get
 *   codes 0..k−1 (the trees sort categories by their gradient statistics themselves), then code k
 *   is "other": the categories past the cap share it, and so does a category unseen in training.
 *   LightGBM sends an unseen category to the non-set side of a categorical split ("right"); the
 *   "other" code is empty in training unless the cap was reached, so a category-set split, which
 *   only takes categories with data, leaves it on the non-set side as LightGBM does.
 * - 'ascending' (numeric categories such as ratings 1–5, ordered for the trees): codes follow
 *   the ascending value, the largest past the cap share the last code. An unseen number takes the
 *   code of the nearest category by value (ties to the lower), as LightGBM bins a numeric value
 *   it never saw; a value that is not a number counts as missing.
 * - absent (binary features, older artifacts): most frequent first, capped; unseen → code 0.
 *
 * Missing takes code k (the last) with `missing_level`, else the most frequent category's code.
 */
import { binOf } from './numericCoding.js';
import { MAX_BINS, type CategoricalEncoding } from './preprocessor.js';

/** Codes of the categories themselves (the missing code excluded). */
function categoryCodeCount(encoding: CategoricalEncoding): number {
  const missing = encoding.missing_level ? 1 : 0;
  const c = encoding.categories.length;
  if (encoding.binary || encoding.tree_codes !== 'frequency') return Math.min(c, MAX_BINS - missing);
  return Math.min(c, MAX_BINS - 1 - missing) + 1;
}

/** Number of tree codes of the feature, the missing code included. */
export function categoryBinCount(encoding: CategoricalEncoding): number {
  return categoryCodeCount(encoding) + (encoding.missing_level ? 1 : 0);
}

/** Whether the trees should split the codes as unordered categories. */
export function isUnorderedCategorical(encoding: CategoricalEncoding): boolean {
  return !encoding.binary && encoding.tree_codes === 'frequency';
}

/** Category (null = missing) → tree code, per the rules above. */
export function categoryCoder(encoding: CategoricalEncoding): (value: string | null) => number {
  const n = categoryCodeCount(encoding);
  const last = n - 1;
  const ascending = !encoding.binary && encoding.tree_codes === 'ascending';
  const order = ascending ? ascendingOrder(encoding.categories) : encoding.categories;
  const codes = new Map(order.map((c, i) => [c, Math.min(i, last)]));
  const imputed = codes.get(encoding.categories[0]) as number;
  const missing = encoding.missing_level ? n : imputed;
  if (ascending) {
    const values = order.slice(0, n).map(Number);
    const edges = values.slice(1).map((v, i) => values[i] + (v - values[i]) / 2);
    return (value) => {
      if (value === null) return missing;
      const code = codes.get(value);
      if (code !== undefined) return code;
      const x = value.trim() === '' ? Number.NaN : Number(value);
      return Number.isNaN(x) ? missing : binOf(edges, x);
    };
  }
  const unseen = isUnorderedCategorical(encoding) ? last : 0;
  return (value) => (value === null ? missing : (codes.get(value) ?? unseen));
}

/** Numeric categories sorted by value. */
function ascendingOrder(categories: readonly string[]): string[] {
  return [...categories].sort((a, b) => Number(a) - Number(b));
}
