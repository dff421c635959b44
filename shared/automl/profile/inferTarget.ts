import { InvalidDatasetError } from '../errors.js';
import { isMissing, parseNumber } from '../data/table.js';
import type { TargetSpec } from '../schema/datasetSchema.js';
import type { DetectedTarget } from './detectTarget.js';
import { summarizeColumn } from './summarizeColumn.js';

/** Integer targets with at most this many classes are multiclass; more makes it regression. */
export const MAX_INTEGER_CLASSES = 20;
/** String targets with more classes than this are rejected. */
export const MAX_CLASSES = 100;

export interface InferredTarget {
  readonly spec: TargetSpec;
  /** Class index (classification) or value (regression) per row; NaN where the target is missing. */
  readonly y: Float64Array;
}

/**
 * Infers the task from the target's present values and encodes them:
 * - two distinct values: binary; classes sorted (numeric ascending, else lexicographic) and the
 *   positive class is the last one (1 for 0/1 targets);
 * - integers with at most `MAX_INTEGER_CLASSES` values, or strings: multiclass;
 * - other numbers: regression.
 * Rejects an entirely empty target and a target with a single class.
 */
export function inferTarget(cells: readonly string[], detected: DetectedTarget): InferredTarget {
  const summary = summarizeColumn(cells);
  const name = detected.name;
  if (summary.present === 0) throw new InvalidDatasetError(`target column '${name}' is entirely empty`);
  if (summary.counts.size === 1 || (summary.numeric && summary.distinctNumbers === 1)) {
    const only = [...summary.counts.keys()][0];
    throw new InvalidDatasetError(`target column '${name}' has a single class ('${only}'): nothing to learn`);
  }
  const y = new Float64Array(cells.length);
  const classification = !summary.numeric || summary.distinctNumbers === 2 || (summary.integer && summary.distinctNumbers <= MAX_INTEGER_CLASSES);
  if (!classification) {
    for (let i = 0; i < cells.length; i++) y[i] = isMissing(cells[i]) ? Number.NaN : parseNumber(cells[i]);
    return { spec: { name, rule: detected.rule, task: 'regression' }, y };
  }

  const classes = classLabels(summary.counts, summary.numeric);
  if (classes.length > MAX_CLASSES) {
    throw new InvalidDatasetError(`target column '${name}' has ${classes.length} classes; at most ${MAX_CLASSES} are supported`);
  }
  const indexOf = new Map<string, number>();
  if (summary.numeric) {
    const byValue = new Map(classes.map((label, index) => [Number(label), index]));
    for (const text of summary.counts.keys()) indexOf.set(text, byValue.get(Number(text)) as number);
  } else {
    classes.forEach((label, index) => indexOf.set(label, index));
  }
  for (let i = 0; i < cells.length; i++) {
    y[i] = isMissing(cells[i]) ? Number.NaN : (indexOf.get(cells[i].trim()) as number);
  }
  const task = classes.length === 2 ? 'binary' : 'multiclass';
  const spec: TargetSpec = { name, rule: detected.rule, task, classes };
  if (task === 'binary') spec.positive_class = classes[1];
  return { spec, y };
}

/** Numeric labels collapse by value ("1" and "1.0" are one class) and sort ascending. */
function classLabels(counts: ReadonlyMap<string, number>, numeric: boolean): string[] {
  if (!numeric) return [...counts.keys()].sort();
  const byValue = new Map<number, string>();
  for (const text of counts.keys()) {
    const value = Number(text);
    if (!byValue.has(value)) byValue.set(value, String(value));
  }
  return [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
}
