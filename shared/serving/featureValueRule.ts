import { allNumeric } from '../automl/schema/numericCategories.js';
import { isMissing } from '../automl/data/table.js';
import type { FeatureSpec } from '../automl/schema/datasetSchema.js';

/** A feature value after validation: a number, a category text, or null (missing). */
export type FeatureValue = string | number | null;

/** Why a value was refused (a class, so the hot path tells it from a value with one `instanceof`). */
export class ValueProblem {
  constructor(readonly message: string) {}
}

/** How one feature's request values are checked and normalized; built once per served version. */
export interface FeatureValueRule {
  readonly name: string;
  /** The value normalized for the model, or the problem with it. Never called for an absent field. */
  readonly normalize: (value: unknown) => FeatureValue | ValueProblem;
  /** Whether a present normalized value was seen in training (numeric features: always). */
  readonly seen: (value: string | number) => boolean;
}

/**
 * The rule of a feature, by its schema type:
 * - numeric, and binary/categorical whose training categories are all numbers (a 0/1 flag):
 *   a finite number, or a string that parses as one (trimmed, as the CSV reader does) → the
 *   number; NaN, ±Infinity, an overflow (`1e999`) or any other text (`"maybe"`, `""`) is refused,
 *   and so are booleans, objects and arrays;
 * - other binary/categorical: a string (trimmed; a CSV missing marker such as `NA` or `""`
 *   counts as missing, as in training), a finite number or a boolean (as its text) → the text;
 *   objects and arrays are refused;
 * - `null` is missing for every feature (imputed as in training).
 * A category not among the training categories (compared canonically, so `1.0` is `1`) is
 * accepted but not `seen`.
 */
export function featureValueRule(feature: FeatureSpec): FeatureValueRule {
  const categories = feature.categories ?? [];
  const name = feature.name;
  if (feature.type === 'numeric') return { name, normalize: (value) => numberValue(value, ''), seen: () => true };
  const known = new Set(categories);
  if (allNumeric(categories)) {
    const why = ` (the training values of '${name}' were all numbers)`;
    return { name, normalize: (value) => numberValue(value, why), seen: (value) => known.has(String(value)) };
  }
  return { name, normalize: categoryValue, seen: (value) => known.has(value as string) };
}

/** Why a JSON number is ±Infinity: it overflowed (JSON has no NaN or Infinity of its own). */
const NOT_FINITE = 'is not a finite number (an overflowing number such as 1e999 reads as Infinity)';

function numberValue(value: unknown, why: string): number | null | ValueProblem {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : new ValueProblem(`${value} ${NOT_FINITE}`);
  if (typeof value !== 'string') return new ValueProblem(`expected a number or null, got ${kindOf(value)}`);
  const text = value.trim();
  const parsed = text === '' ? Number.NaN : Number(text);
  if (Number.isFinite(parsed)) return parsed;
  if (Number.isNaN(parsed)) return new ValueProblem(`${quoted(value)} is not a number${why}`);
  return new ValueProblem(`${quoted(value)} is not a finite number`);
}

function categoryValue(value: unknown): string | null | ValueProblem {
  if (value === null) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    return isMissing(text) ? null : text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : new ValueProblem(`${value} is not a finite number`);
  if (typeof value === 'boolean') return String(value);
  return new ValueProblem(`expected a string, a number or null, got ${kindOf(value)}`);
}

/** `an array`, `an object`, `a boolean`, `a string`, `a number`, `null`: for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A value for a message: a number as is, a text in single quotes, cut at 60 characters (a request may carry long text). */
export function quoted(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return `'${value.length > 60 ? `${value.slice(0, 59)}…` : value}'`;
}
