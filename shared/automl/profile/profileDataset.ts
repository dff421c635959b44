import type { Table } from '../data/table.js';
import type { DatasetSchema, DroppedColumn, FeatureSpec } from '../schema/datasetSchema.js';
import { InvalidDatasetError, InvalidOptionsError } from '../errors.js';
import { detectTarget } from './detectTarget.js';
import { idLikeRule } from './idLikeRule.js';
import { inferFeatureType } from './inferFeatureType.js';
import { inferTarget } from './inferTarget.js';
import { categoriesByFrequency, summarizeColumn, type ColumnSummary } from './summarizeColumn.js';

export { ID_LIKE_DISTINCT_SHARE, ID_LIKE_MIN_ROWS } from './idLikeRule.js';

export interface ProfileOptions {
  /** The target column; default: see `detectTarget`. */
  readonly target?: string;
  /**
   * Table rows (0-based data rows) that type the features and decide the drops, e.g. the
   * training rows, so profiling never looks at the test rows. Taken as a set, in table order.
   * Default: every row.
   */
  readonly featureRows?: ArrayLike<number>;
}

export interface ProfiledDataset {
  readonly schema: DatasetSchema;
  /** Encoded target per table row (NaN where missing); see `inferTarget`. */
  readonly y: Float64Array;
}

/**
 * Profiles a table: picks the target and infers the task from every row; types each feature
 * and drops, with a reason, from the `featureRows` only: constant columns (every value
 * missing, or one value and no missing), ID-like columns (`idLikeRule`) and columns identical
 * to the target. One value plus missing rows is kept as a binary "present" feature.
 */
export function profileDataset(table: Table, options: ProfileOptions = {}): ProfiledDataset {
  const detected = detectTarget(table.columns, options.target);
  const targetIndex = table.columns.indexOf(detected.name);
  const { spec: target, y } = inferTarget(table.cells[targetIndex], detected);
  const rows = options.featureRows === undefined ? undefined : checkedRows(options.featureRows, table.nRows);
  const cellsOf = (c: number): readonly string[] => (rows ? rows.map((r) => table.cells[c][r]) : table.cells[c]);
  const targetCells = cellsOf(targetIndex);

  const features: FeatureSpec[] = [];
  const dropped: DroppedColumn[] = [];
  table.columns.forEach((name, c) => {
    if (c === targetIndex) return;
    const cells = cellsOf(c);
    const summary = summarizeColumn(cells);
    const reason = dropReason(summary, cells, targetCells);
    if (reason) {
      dropped.push({ name, ...reason });
      return;
    }
    features.push(featureSpec(name, summary));
  });
  if (features.length === 0) {
    throw new InvalidDatasetError(
      `no usable feature columns: ${dropped.map((d) => `'${d.name}' (${d.reason})`).join(', ') || 'only the target was given'}`,
    );
  }
  let rowsWithoutTarget = 0;
  for (let i = 0; i < y.length; i++) if (Number.isNaN(y[i])) rowsWithoutTarget++;
  return {
    schema: { format_version: 1, target, features, dropped, rows: table.nRows, rows_without_target: rowsWithoutTarget },
    y,
  };
}

/** Distinct rows in table order; InvalidOptionsError for an empty list or a row outside the table. */
function checkedRows(featureRows: ArrayLike<number>, nRows: number): number[] {
  const rows = Array.from(new Set(Array.from(featureRows))).sort((a, b) => a - b);
  if (rows.length === 0) throw new InvalidOptionsError('featureRows is empty: profiling needs at least one row');
  const bad = rows.find((r) => !Number.isInteger(r) || r < 0 || r >= nRows);
  if (bad !== undefined) throw new InvalidOptionsError(`featureRows has ${bad}, not a row of a ${nRows}-row table`);
  return rows;
}

function featureSpec(name: string, summary: ColumnSummary): FeatureSpec {
  const type = inferFeatureType(summary);
  if (type === 'numeric') return { name, type, range: { min: summary.min, max: summary.max }, missing: summary.missing };
  const counts = summary.numeric ? countsByNumber(summary.counts) : summary.counts;
  return { name, type, categories: categoriesByFrequency(counts), missing: summary.missing };
}

/** Numeric categories are keyed by value ("1" and "1.0" are one category, written "1"). */
function countsByNumber(counts: ReadonlyMap<string, number>): Map<string, number> {
  const merged = new Map<string, number>();
  for (const [text, count] of counts) {
    const key = String(Number(text));
    merged.set(key, (merged.get(key) ?? 0) + count);
  }
  return merged;
}

function dropReason(
  summary: ColumnSummary,
  cells: readonly string[],
  targetCells: readonly string[],
): Omit<DroppedColumn, 'name'> | undefined {
  if (summary.distinct === 0) return { reason: 'constant', detail: 'every value is missing' };
  if (summary.distinct === 1 && summary.missing === 0) return { reason: 'constant', detail: 'a single value on every row' };
  const id = idLikeRule(summary, cells);
  if (id) return { reason: 'id_like', rule: id.rule, detail: id.detail };
  if (sameCells(cells, targetCells)) return { reason: 'identical_to_target', detail: 'equal to the target on every row' };
  return undefined;
}

function sameCells(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i].trim() !== b[i].trim()) return false;
  return true;
}
