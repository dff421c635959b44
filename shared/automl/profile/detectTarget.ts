import { InvalidDatasetError } from '../errors.js';
import type { TargetRule } from '../schema/datasetSchema.js';

/** Column names taken for a target, compared case-insensitively, in priority order. */
export const TARGET_LIKE_NAMES = [
  'target', 'label', 'labels', 'y', 'outcome', 'class', 'diabetes', 'response', 'churn', 'default', 'is_fraud', 'fraud',
] as const;

export interface DetectedTarget {
  readonly name: string;
  readonly rule: TargetRule;
}

/**
 * Chooses the target column: `requested` wins (and must exist); otherwise the first column whose
 * name is target-like (see `TARGET_LIKE_NAMES`, in that priority); otherwise the last column.
 */
export function detectTarget(columns: readonly string[], requested?: string): DetectedTarget {
  if (requested !== undefined) {
    if (!columns.includes(requested)) {
      throw new InvalidDatasetError(`target column '${requested}' is missing: the columns are ${columns.join(', ')}`);
    }
    return { name: requested, rule: 'option' };
  }
  const lower = columns.map((c) => c.toLowerCase());
  for (const candidate of TARGET_LIKE_NAMES) {
    const index = lower.indexOf(candidate);
    if (index >= 0) return { name: columns[index], rule: 'name' };
  }
  return { name: columns[columns.length - 1], rule: 'last_column' };
}
