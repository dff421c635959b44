/**
 * Fits the encoding of one binary or categorical feature on training rows (see
 * `CategoricalEncodingSchema`): categories most frequent first (ties by text), missing as a
 * level of its own when the training rows had any, the one-hot top-K as scikit-learn's
 * OneHotEncoder(max_categories=ONE_HOT_MAX_CATEGORIES, min_frequency=ONE_HOT_MIN_FREQUENCY), and
 * the tree code order: ascending for numeric categories (their order means something), by
 * frequency for text categories.
 */
import { categoriesByFrequency } from '../profile/summarizeColumn.js';
import { allNumeric } from '../schema/numericCategories.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import type { CategoricalEncoding } from './preprocessor.js';

/**
 * At most this many one-hot columns per feature, the "other" slot included (the missing slot
 * comes on top). 32 keeps a dense matrix at ≤ 33 columns per categorical feature (100k rows:
 * ≈ 26 MB, where 2,000 categories took 1.6 GB) and a few such features within the linear
 * Newton solver's 200-parameter limit; past the 31 most frequent categories each remaining one
 * covers a small share of the rows, which a linear weight learns little from, while the trees
 * still see up to 254 category codes.
 */
export const ONE_HOT_MAX_CATEGORIES = 32;

/**
 * A category needs at least this many training rows for a one-hot slot of its own. A slot fitted
 * on a handful of rows mostly memorizes them; pooled, the rare categories instead teach the
 * "other" weight, which is exactly what an unseen category takes at prediction time.
 */
export const ONE_HOT_MIN_FREQUENCY = 5;

export function fitCategorical(name: string, values: readonly (string | null)[], spec: FeatureSpec): CategoricalEncoding {
  const { counts, missing } = countCategories(values);
  let categories = categoriesByFrequency(counts);
  // A fold may lack every category; keep the schema's first so the encoding stays well-formed.
  if (categories.length === 0) categories = (spec.categories ?? ['']).slice(0, 1);
  const binary = spec.type === 'binary';
  const encoding: CategoricalEncoding = { kind: 'categorical', name, binary, categories };
  if (missing > 0) encoding.missing_level = true;
  if (binary) return encoding;
  encoding.one_hot_top = oneHotTop(categories.map((c) => counts.get(c) ?? 0));
  encoding.tree_codes = allNumeric(categories) ? 'ascending' : 'frequency';
  return encoding;
}

/** How many of the categories (counts descending) get a one-hot slot of their own. */
function oneHotTop(counts: readonly number[]): number {
  let frequent = 0;
  while (frequent < counts.length && counts[frequent] >= ONE_HOT_MIN_FREQUENCY) frequent++;
  if (frequent === counts.length && frequent <= ONE_HOT_MAX_CATEGORIES) return frequent;
  return Math.min(frequent, ONE_HOT_MAX_CATEGORIES - 1);
}

/** How many of the first distinct categories are counted by `===` before the Map (see below). */
const MEMO_SIZE = 8;

/**
 * Rows per category and missing rows. The first MEMO_SIZE distinct categories are counted in a
 * small array matched by `===` (columns of a few categories then hash no string), the rest in
 * the Map; the Map ends up with every category.
 */
function countCategories(values: readonly (string | null)[]): { counts: Map<string, number>; missing: number } {
  const counts = new Map<string, number>();
  const seen: string[] = [];
  const seenCounts: number[] = [];
  let missing = 0;
  for (let r = 0; r < values.length; r++) {
    const value = values[r];
    if (value === null) {
      missing++;
      continue;
    }
    let m = 0;
    while (m < seen.length && seen[m] !== value) m++;
    if (m < seen.length) seenCounts[m]++;
    else if (seen.length < MEMO_SIZE) {
      seen.push(value);
      seenCounts.push(1);
    } else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  seen.forEach((value, m) => counts.set(value, seenCounts[m]));
  return { counts, missing };
}
