import type { Task } from '../../task.js';
import { trainTestSplit } from '../../evaluation/splits.js';

/**
 * At most `maxRows` rows, drawn after a seeded shuffle and stratified by class for
 * classification. Returns every row when there are no more than `maxRows`.
 */
export function sampleRows(y: Float64Array, task: Task, maxRows: number, seed: number): Int32Array {
  if (y.length <= maxRows) return Int32Array.from(y.keys());
  return trainTestSplit(y, task, maxRows / y.length, seed).test;
}
