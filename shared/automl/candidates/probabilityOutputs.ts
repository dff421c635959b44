import { outputsPerRow, type Task } from '../task.js';

/**
 * A model's outputs made valid probabilities, in place, at the one place every prediction goes
 * through (cross-validation, the test split, the batch and the row predictors; the GBM's own row
 * path ends in a sigmoid or softmax already): binary outputs
 * clamped to [0, 1]; each multiclass row clamped at 0 and divided by its sum (a row summing to 0
 * becomes uniform); regression values unchanged. A NaN is left as it is, for the metrics to name.
 * Tree ensembles sum leaf proportions in floating point, so a class can come out at
 * 1.0000000000000002; after the division no value exceeds 1 (p ≤ sum ⇒ p / sum ≤ 1 in IEEE 754).
 */
export function asProbabilities(values: Float64Array, task: Task, nClasses: number): Float64Array {
  if (task === 'regression') return values;
  if (task === 'binary') {
    for (let i = 0; i < values.length; i++) {
      if (values[i] > 1) values[i] = 1;
      else if (values[i] < 0) values[i] = 0;
    }
    return values;
  }
  const width = outputsPerRow(task, nClasses);
  for (let start = 0; start < values.length; start += width) {
    let sum = 0;
    for (let k = start; k < start + width; k++) {
      if (values[k] < 0) values[k] = 0;
      sum += values[k];
    }
    if (sum === 1 || Number.isNaN(sum)) continue;
    for (let k = start; k < start + width; k++) values[k] = sum > 0 ? values[k] / sum : 1 / width;
  }
  return values;
}
