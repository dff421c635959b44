import type { Table } from '../data/table.js';
import type { DatasetSchema, DroppedColumn, FeatureSpec } from '../schema/datasetSchema.js';
import { InvalidDatasetError } from '../errors.js';
import { detectTarget } from './detectTarget.js';
import { inferFeatureType } from './inferFeatureType.js';
import { inferTarget } from './inferTarget.js';
import { categoriesByFrequency, summarizeColumn, type ColumnSummary } from './summarizeColumn.js';

/** A column whose distinct values cover at least this share of its present rows is ID-like. */
export const ID_LIKE_DISTINCT_SHARE = 0.95;
/** The ID-like rule needs at least this many present rows to mean anything. */
export const ID_LIKE_MIN_ROWS = 20;

export interface ProfiledDataset {
  readonly schema: DatasetSchema;
  /** Encoded target per table row (NaN where missing); see `inferTarget`. */
  readonly y: Float64Array;
}

/**
 * Profiles a table: picks the target, infers the task, types each feature and drops, with a
 * reason, constant columns, ID-like columns (strings or integers distinct on nearly every row)
 * and columns identical to the target.
 */
export function profileDataset(table: Table, options: { target?: string } = {}): ProfiledDataset {
  const detected = detectTarget(table.columns, options.target);
  const targetIndex = table.columns.indexOf(detected.name);
  const targetCells = table.cells[targetIndex];
  const { spec: target, y } = inferTarget(targetCells, detected);

  const features: FeatureSpec[] = [];
  const dropped: DroppedColumn[] = [];
  table.columns.forEach((name, c) => {
    if (c === targetIndex) return;
    const cells = table.cells[c];
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
  const distinct = summary.numeric ? summary.distinctNumbers : summary.counts.size;
  if (distinct <= 1) {
    return { reason: 'constant', detail: distinct === 0 ? 'every value is missing' : 'a single value on every row' };
  }
  const idCandidate = !summary.numeric || summary.integer;
  if (idCandidate && summary.present >= ID_LIKE_MIN_ROWS && distinct >= ID_LIKE_DISTINCT_SHARE * summary.present) {
    return {
      reason: 'id_like',
      detail: `${distinct} distinct values in ${summary.present} rows (${((100 * distinct) / summary.present).toFixed(1)}%)`,
    };
  }
  if (sameCells(cells, targetCells)) return { reason: 'identical_to_target', detail: 'equal to the target on every row' };
  return undefined;
}

function sameCells(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i].trim() !== b[i].trim()) return false;
  return true;
}
