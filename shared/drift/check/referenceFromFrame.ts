import type { Frame, FrameColumn } from '../../automl/data/frame.js';
import type { Table } from '../../automl/data/table.js';
import { categoriesByFrequency, summarizeColumn } from '../../automl/profile/summarizeColumn.js';
import type { FeatureSpec } from '../../automl/schema/datasetSchema.js';
import type { ReferenceColumn } from '../../automl/statistics/driftReference.js';
import { categoricalReference, numericReference } from '../../automl/statistics/referenceColumn.js';

/**
 * The columns of a check without a model: every column of the reference table, in its order
 * (a target is just another column), typed from the reference cells: numeric when every present
 * cell parses as a finite number (`summarizeColumn`), else categorical (its categories most
 * frequent first). A column with no present cell is categorical. Read both sides with
 * `frameFromTable(table, specs)`.
 */
export function tableColumnSpecs(table: Table): FeatureSpec[] {
  return table.columns.map((name, c): FeatureSpec => {
    const summary = summarizeColumn(table.cells[c]);
    if (summary.numeric) return { name, type: 'numeric', range: { min: summary.min, max: summary.max }, missing: summary.missing };
    return { name, type: 'categorical', categories: categoriesByFrequency(summary.counts), missing: summary.missing };
  });
}

/**
 * The reference of every column of a frame, by feature name (the frame's columns are the
 * features', in order): numeric columns with NO sample cap (every finite value is kept, so KS
 * and Wasserstein compare the whole reference exactly), the others by their category counts.
 */
export function referenceFromFrame(frame: Frame, features: readonly FeatureSpec[]): Record<string, ReferenceColumn> {
  const columns: Record<string, ReferenceColumn> = {};
  frame.columns.forEach((column, j) => {
    columns[features[j].name] =
      column.kind === 'numeric' ? numericReference(column.values, 0, Number.POSITIVE_INFINITY) : categoricalReference(column.values);
  });
  return columns;
}

/** The columns of a frame by feature name: the current side of a check. */
export function columnsByName(frame: Frame, features: readonly FeatureSpec[]): Record<string, FrameColumn> {
  return Object.fromEntries(frame.columns.map((column, j) => [features[j].name, column]));
}
