import type { FeatureType } from '../schema/datasetSchema.js';
import type { ColumnSummary } from './summarizeColumn.js';

/** Integer columns with at most this many distinct values are typed categorical. */
export const MAX_INTEGER_CATEGORIES = 10;

/**
 * Types a feature from its summary:
 * - exactly two distinct values (numbers or strings): binary;
 * - numbers: categorical when integer-valued with at most `MAX_INTEGER_CATEGORIES` distinct
 *   values, else numeric;
 * - strings: categorical.
 */
export function inferFeatureType(summary: ColumnSummary): FeatureType {
  if (summary.counts.size === 2 || (summary.numeric && summary.distinctNumbers === 2)) return 'binary';
  if (summary.numeric) {
    return summary.integer && summary.distinctNumbers <= MAX_INTEGER_CATEGORIES ? 'categorical' : 'numeric';
  }
  return 'categorical';
}
