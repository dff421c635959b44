import { isMissing, parseNumber, type Table } from '../automl/data/table.js';
import { UsageError } from '../edge/usageError.js';

/** A feature value as `POST /predict` takes it: a number, a text, or null (missing). */
export type ReplayValue = string | number | null;
/** A record as sent: one value per feature column (the target left out). */
export type ReplayRecord = Record<string, ReplayValue>;
/** A label in the target's own type: a number when every label is one, else its text; null when missing. */
export type ReplayLabel = string | number | null;

/** One feature column of the CSV, typed as the service takes it. */
export interface ReplayColumn {
  readonly name: string;
  /** Every present cell is a number (then values are numbers), else the cells are texts. */
  readonly numeric: boolean;
  readonly values: readonly ReplayValue[];
}

/** The target column: its labels and, when it has exactly two classes, which one is positive. */
export interface ReplayTarget {
  readonly name: string;
  readonly labels: readonly ReplayLabel[];
  /** Distinct present labels, sorted as the engine sorts classes (numbers ascending, else lexicographic). */
  readonly classes: readonly (string | number)[];
  /** The last class of a two-class target (as the engine's `positive_class`: 1 for 0/1), else undefined. */
  readonly positive: string | number | undefined;
}

/** The CSV rows the simulation replays, column-major. */
export interface ReplayData {
  readonly rows: number;
  readonly features: readonly ReplayColumn[];
  readonly target: ReplayTarget;
}

/**
 * The rows of a parsed CSV, typed for replay. Conventions:
 * - the target is `target` (default: the last column); every other column is a feature;
 * - a missing cell (`isMissing`: empty, NA, null, …) is null;
 * - a column whose present cells all parse as finite numbers is numeric and sent as numbers
 *   (a 0/1 flag too); any other column is sent as its cells' text, as written;
 * - labels follow the same rule (texts trimmed, as the engine reads classes), so feedback
 *   carries them in the target's own type.
 * An unknown target is a UsageError naming the columns.
 */
export function replayData(table: Table, target?: string): ReplayData {
  const targetName = target ?? table.columns[table.columns.length - 1];
  const targetIndex = table.columns.indexOf(targetName);
  if (targetIndex < 0) throw new UsageError(`--target: no column '${targetName}' in the CSV (columns: ${table.columns.join(', ')})`);
  if (table.columns.length < 2) throw new UsageError('the CSV needs at least one feature column besides the target');
  const features = table.columns.flatMap((name, c) => (c === targetIndex ? [] : [typedColumn(name, table.cells[c])]));
  const labels = typedColumn(targetName, table.cells[targetIndex].map((cell) => cell.trim()));
  const classes = distinctSorted(labels);
  return {
    rows: table.nRows,
    features,
    target: { name: targetName, labels: labels.values, classes, positive: classes.length === 2 ? classes[1] : undefined },
  };
}

/** The record of `row`: every feature's value. */
export function recordAt(data: ReplayData, row: number): ReplayRecord {
  const record: ReplayRecord = {};
  for (const column of data.features) record[column.name] = column.values[row];
  return record;
}

/** The feature column named `name`, or a UsageError naming the flag and the feature columns. */
export function featureColumn(data: ReplayData, name: string, flag: string): ReplayColumn {
  const column = data.features.find((c) => c.name === name);
  if (column) return column;
  const why = name === data.target.name ? 'is the target' : 'is not a column of the CSV';
  throw new UsageError(`${flag}: '${name}' ${why} (features: ${data.features.map((c) => c.name).join(', ')})`);
}

/** Population standard deviation of a numeric column's present values (0 when none). */
export function columnStd(column: ReplayColumn): number {
  const values = column.values.filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

function typedColumn(name: string, cells: readonly string[]): ReplayColumn {
  const numeric = cells.some((cell) => !isMissing(cell)) && cells.every((cell) => isMissing(cell) || !Number.isNaN(parseNumber(cell)));
  const values = cells.map((cell) => (isMissing(cell) ? null : numeric ? parseNumber(cell) : cell));
  return { name, numeric, values };
}

function distinctSorted(column: ReplayColumn): (string | number)[] {
  const present = [...new Set(column.values.filter((v): v is string | number => v !== null))];
  return column.numeric ? (present as number[]).sort((a, b) => a - b) : (present as string[]).sort();
}
