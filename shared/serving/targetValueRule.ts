import { allNumeric } from '../automl/schema/numericCategories.js';
import type { TargetSpec } from '../automl/schema/datasetSchema.js';
import { kindOf, quoted, ValueProblem } from './featureValueRule.js';

/** A target value in the target's own type: a number for regression and numeric classes, else the class text. */
export type TargetValue = string | number;

/** Class labels listed in a message before "…". */
const LISTED = 10;

/**
 * How a ground-truth label is checked and normalized against the served target, built once per
 * version (the feedback counterpart of `featureValueRule`):
 * - regression: a finite JSON number (NaN, ±Infinity, `1e999`, strings and anything else refused);
 * - classification with all-numeric classes (0/1, 1…5): the number, or its class label text
 *   (`1` or `"1"`) → the number;
 * - other classification (`'yes'`/`'no'`, multiclass text): the class label text, trimmed as
 *   training trims it, exactly as trained (case-sensitive) → the text.
 * Anything else is a ValueProblem naming the classes.
 */
export function targetValueRule(target: TargetSpec): (value: unknown) => TargetValue | ValueProblem {
  if (target.task === 'regression') return regressionValue;
  const classes = target.classes ?? [];
  // The same test of "numeric classes" as the served predictions (`predictionOutput.ts`).
  const numeric = allNumeric(classes);
  const valueOf = new Map<string, TargetValue>(classes.map((c) => [c, numeric ? Number(c) : c]));
  const numbers = new Set(numeric ? classes.map(Number) : []);
  const listed = classes.slice(0, LISTED).map((c) => (numeric ? c : quoted(c)));
  const expected = `expected a class of '${target.name}': ${listed.join(', ')}${classes.length > LISTED ? ', …' : ''}${numeric ? ' (a number or its text)' : ''}`;
  return (value) => {
    const label = typeof value === 'string' ? valueOf.get(value.trim()) : undefined;
    if (label !== undefined) return label;
    if (typeof value === 'number' && numbers.has(value)) return value;
    if (typeof value === 'string' || typeof value === 'number') return new ValueProblem(`${quoted(value)} is not a class; ${expected}`);
    return new ValueProblem(`${expected}, got ${kindOf(value)}`);
  };
}

function regressionValue(value: unknown): number | ValueProblem {
  if (typeof value === 'number') return Number.isFinite(value) ? value : new ValueProblem(`${value} is not a finite number (an overflowing number such as 1e999 reads as Infinity)`);
  return new ValueProblem(`expected a finite number, got ${kindOf(value)}`);
}
