import type { TargetSpec } from './datasetSchema.js';
import { allNumeric } from './numericCategories.js';

/**
 * The class index of a target value (a label as logged or as a CSV cell), or undefined when it
 * is none of the target's classes. Numeric classes compare as numbers (`1`, `"1"` and `"1.0"` are
 * class "1"), as the engine encodes them; other classes by their trimmed text.
 */
export function classIndexer(target: TargetSpec): (value: string | number) => number | undefined {
  const classes = target.classes ?? [];
  const numeric = allNumeric(classes);
  const key = (value: string | number) => (numeric ? String(Number(value)) : String(value).trim());
  const index = new Map(classes.map((c, i) => [key(c), i]));
  return (value) => (numeric && String(value).trim() === '' ? undefined : index.get(key(value)));
}
