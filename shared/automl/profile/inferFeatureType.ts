import type { FeatureType } from '../schema/datasetSchema.js';
import type { ColumnSummary } from './summarizeColumn.js';

/** Integer columns with at most this many distinct values are typed categorical. */
export const MAX_INTEGER_CATEGORIES = 10;

/**
 * Types a feature from its summary:
 * - at most two distinct values (numbers or strings): binary. A single value is binary only
 *   with missing rows (value vs missing, a "present" flag); the drop rules remove it otherwise;
 * - numbers: categorical when integer-valued with at most `MAX_INTEGER_CATEGORIES` distinct
 *   values, else numeric;
 * - strings: categorical.
 */
export function inferFeatureType(summary: ColumnSummary): FeatureType {
  if (summary.distinct <= 2) return 'binary';
  if (summary.numeric) {
    return summary.integer && summary.distinctNumbers <= MAX_INTEGER_CATEGORIES ? 'categorical' : 'numeric';
  }
  return 'categorical';
}
