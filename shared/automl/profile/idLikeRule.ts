import { isMissing } from '../data/table.js';
import type { IdLikeRule } from '../schema/datasetSchema.js';
import type { ColumnSummary } from './summarizeColumn.js';

/** A column whose distinct values cover at least this share of its present rows may be ID-like. */
export const ID_LIKE_DISTINCT_SHARE = 0.95;
/** The ID-like rule needs at least this many present rows to mean anything. */
export const ID_LIKE_MIN_ROWS = 20;
/**
 * Sequential integers: the distinct values fill at least this share of `[min, max]`. A key
 * sampled on ≥ half its rows (a training split) stays above it; integers drawn at random are
 * ≥ 95% distinct only from a range ≥ ~10× their count (birthday bound), i.e. a share ≤ ~0.1.
 */
export const SEQUENTIAL_MIN_FILL = 0.5;
/** Monotonic: at most this share of adjacent present pairs may break the direction (ties break it). */
export const MONOTONIC_MAX_BREAKS = 0.01;

export interface IdLikeVerdict {
  readonly rule: IdLikeRule;
  readonly detail: string;
}

/**
 * Whether a feature looks like a key, not a measure. Only integer or text (not numeric)
 * columns with at least `ID_LIKE_MIN_ROWS` present rows, distinct on at least
 * `ID_LIKE_DISTINCT_SHARE` of them, are candidates; one of these must then hold (tested in order):
 * - `sequential` (integers): the distinct values fill ≥ `SEQUENTIAL_MIN_FILL` of
 *   `max − min + 1` (row ids 1..n, shuffled or not, or with gaps);
 * - `monotonic` (integers or text): the present values, in row order, strictly increase or
 *   strictly decrease, but for ≤ `MONOTONIC_MAX_BREAKS` of adjacent pairs. Text is compared
 *   in natural order (digit runs by value, so `row-9` < `row-10`). A row-order timestamp is a
 *   key: trees would split on "when the row was written" and meet only unseen values later;
 * - `pattern` (text): every value has one shape: the same length, with a letter or digit at
 *   the same positions and the same other character (`-`, `:`, ...) at the others
 *   (`C-000123`, UUIDs, hex hashes; letters and digits are one class, as hex digits mix them).
 * Integer measures (amounts, salaries, counts) fail all three and stay numeric; free text
 * without a pattern or an order stays a (high-cardinality) categorical feature.
 * `cells` are the profiled cells in row order.
 */
export function idLikeRule(summary: ColumnSummary, cells: readonly string[]): IdLikeVerdict | undefined {
  const { distinct, present } = summary;
  if ((summary.numeric && !summary.integer) || present < ID_LIKE_MIN_ROWS || distinct < ID_LIKE_DISTINCT_SHARE * present) {
    return undefined;
  }
  const share = `${distinct} distinct values in ${present} rows (${((100 * distinct) / present).toFixed(1)}%)`;
  if (summary.integer) {
    const span = summary.max - summary.min + 1;
    if (distinct >= SEQUENTIAL_MIN_FILL * span) {
      return { rule: 'sequential', detail: `sequential integers ${summary.min}..${summary.max}; ${share}` };
    }
  }
  const texts = cells.filter((cell) => !isMissing(cell)).map((cell) => cell.trim());
  const order = monotonicOrder(texts, summary.integer ? byNumber : naturalCompare);
  if (order) return { rule: 'monotonic', detail: `${order} in row order; ${share}` };
  const shape = summary.numeric ? undefined : commonShape(texts);
  if (shape !== undefined) return { rule: 'pattern', detail: `every value has the shape '${shape}'; ${share}` };
  return undefined;
}

type Compare = (a: string, b: string) => number;

const byNumber: Compare = (a, b) => Number(a) - Number(b);

/** 'increasing' / 'decreasing' when adjacent pairs keep one strict direction but for the allowed breaks. */
function monotonicOrder(values: readonly string[], compare: Compare): 'increasing' | 'decreasing' | undefined {
  let up = 0;
  let down = 0;
  for (let i = 1; i < values.length; i++) {
    const sign = compare(values[i - 1], values[i]);
    if (sign < 0) up++;
    else if (sign > 0) down++;
  }
  const pairs = values.length - 1;
  const allowed = Math.floor(MONOTONIC_MAX_BREAKS * pairs);
  if (pairs - up <= allowed) return 'increasing';
  if (pairs - down <= allowed) return 'decreasing';
  return undefined;
}

const RUNS = /\d+|\D+/g;

/**
 * Natural order: digit runs compare by value (leading zeros ignored), other runs by code unit;
 * distinct texts equal by that (`007` and `7`) fall back to plain code-unit order.
 */
export function naturalCompare(a: string, b: string): number {
  const ra = a.match(RUNS) ?? [];
  const rb = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    if (isDigit(x.charCodeAt(0)) && isDigit(y.charCodeAt(0))) {
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else {
      return x < y ? -1 : 1;
    }
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Longest shape shown in a `detail`. */
const MAX_SHAPE_SHOWN = 40;
/** Position kinds; any other character is its own kind (its code unit, ≥ 0). */
const DIGIT = -1;
const LETTER = -2;
const LETTER_OR_DIGIT = -3;

/**
 * The one shape of every value (`9` a digit, `a` a letter, `*` a letter in some values and a
 * digit in others, other characters as themselves), or undefined when two values differ in shape.
 */
function commonShape(values: readonly string[]): string | undefined {
  const first = values[0];
  const kinds: number[] = [];
  for (let i = 0; i < first.length; i++) kinds.push(kindOf(first.charCodeAt(i)));
  for (const value of values) {
    if (value.length !== first.length) return undefined;
    for (let i = 0; i < value.length; i++) {
      const kind = kindOf(value.charCodeAt(i));
      if (kind === kinds[i]) continue;
      if (kind >= 0 || kinds[i] >= 0) return undefined;
      kinds[i] = LETTER_OR_DIGIT;
    }
  }
  const shape = kinds.map((k) => (k === DIGIT ? '9' : k === LETTER ? 'a' : k === LETTER_OR_DIGIT ? '*' : String.fromCharCode(k))).join('');
  return shape.length > MAX_SHAPE_SHOWN ? `${shape.slice(0, MAX_SHAPE_SHOWN - 1)}…` : shape;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The kind of an ASCII digit or letter, else the code unit itself. */
function kindOf(code: number): number {
  if (isDigit(code)) return DIGIT;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return LETTER;
  return code;
}
