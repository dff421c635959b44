import { takeTableRows, type Table } from '../data/table.js';
import { InvalidOptionsError } from '../errors.js';
import { detectTarget } from '../profile/detectTarget.js';
import { inferTarget } from '../profile/inferTarget.js';
import { classIndexer } from '../schema/classIndex.js';
import type { TargetSpec } from '../schema/datasetSchema.js';

/** The target of a table as training sees it, after `min_class_rows` and `positive_class`. */
export interface LabeledTarget {
  /** The table without the rows of dropped classes. */
  readonly table: Table;
  /** Original table row of each row of `table`. */
  readonly tableRows: Int32Array;
  readonly spec: TargetSpec;
  /** Encoded target per row of `table` (NaN where missing). */
  readonly y: Float64Array;
  readonly warnings: string[];
}

/**
 * Infers the target, then:
 * - `minClassRows`: the rows of every class with fewer labeled rows are dropped and the target
 *   re-inferred without them (a warning names each class and its count);
 * - `positiveClass` (binary only): that class becomes the positive one, the second of
 *   `classes`, so its probability is the one reported; another class name or a non-binary
 *   target is an InvalidOptionsError listing the classes.
 */
export function labeledTarget(table: Table, options: { target?: string; minClassRows?: number; positiveClass?: string }): LabeledTarget {
  const detected = detectTarget(table.columns, options.target);
  const column = table.columns.indexOf(detected.name);
  let inferred = inferTarget(table.cells[column], detected);
  let kept = table;
  let tableRows = Int32Array.from(table.cells[column].keys());
  const warnings: string[] = [];
  const minRows = options.minClassRows;
  if (minRows !== undefined && inferred.spec.task !== 'regression') {
    const classes = inferred.spec.classes ?? [];
    const counts = classes.map(() => 0);
    for (const v of inferred.y) if (!Number.isNaN(v)) counts[v]++;
    const rare = new Set(classes.flatMap((_, c) => (counts[c] < minRows ? [c] : [])));
    if (rare.size > 0) {
      for (const c of rare) warnings.push(`dropped the ${counts[c]} row(s) of class '${classes[c]}': fewer than min_class_rows = ${minRows}`);
      tableRows = tableRows.filter((r) => !rare.has(inferred.y[r]));
      kept = takeTableRows(table, tableRows);
      inferred = inferTarget(kept.cells[column], detected);
    }
  }
  if (options.positiveClass === undefined) return { table: kept, tableRows, spec: inferred.spec, y: inferred.y, warnings };
  return { table: kept, tableRows, ...withPositiveClass(inferred.spec, inferred.y, options.positiveClass), warnings };
}

/** Makes `positive` the second class of a binary target (its index 1), flipping the encoding if needed. */
function withPositiveClass(spec: TargetSpec, y: Float64Array, positive: string): { spec: TargetSpec; y: Float64Array } {
  const classes = spec.classes ?? [];
  if (spec.task !== 'binary') {
    const what = spec.task === 'regression' ? 'a regression target' : `${classes.length} classes`;
    throw new InvalidOptionsError(`positive_class applies to binary targets; '${spec.name}' has ${what}`);
  }
  const index = classIndexer(spec)(positive);
  if (index === undefined) {
    throw new InvalidOptionsError(`positive_class '${positive}' is not a class of '${spec.name}': the classes are ${classes.map((c) => `'${c}'`).join(', ')}`);
  }
  if (index === 1) return { spec, y };
  const flipped = y.map((v) => (Number.isNaN(v) ? v : 1 - v));
  const swapped = [classes[1], classes[0]];
  return { spec: { ...spec, classes: swapped, positive_class: swapped[1] }, y: flipped };
}
