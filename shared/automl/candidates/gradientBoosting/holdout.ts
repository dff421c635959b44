import type { Task } from '../../task.js';
import { shuffleInPlace, type Random } from '../../util/random.js';

/** Training rows and early-stopping validation rows, each ascending. */
export interface Holdout {
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

/**
 * Carves `fraction` of the rows out for validation, seeded by `random`. Classification is
 * stratified: each class gives `round(fraction × its count)` rows (so a class with one row stays in
 * training); regression takes `round(fraction × n)` shuffled rows. Both index lists are returned
 * sorted ascending (keeps column reads sequential). Either list may be empty for tiny inputs; the
 * caller checks.
 */
export function holdOut(y: Float64Array, task: Task, nClasses: number, fraction: number, random: Random): Holdout {
  const n = y.length;
  const isValid = new Uint8Array(n);
  if (task === 'regression') {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    shuffleInPlace(order, random);
    const take = Math.round(fraction * n);
    for (let i = 0; i < take; i++) isValid[order[i]] = 1;
  } else {
    const counts = new Int32Array(nClasses);
    for (let i = 0; i < n; i++) counts[y[i]]++;
    const starts = new Int32Array(nClasses + 1);
    for (let c = 0; c < nClasses; c++) starts[c + 1] = starts[c] + counts[c];
    const byClass = new Int32Array(n);
    const fill = starts.slice(0, nClasses);
    for (let i = 0; i < n; i++) byClass[fill[y[i]]++] = i;
    for (let c = 0; c < nClasses; c++) {
      const group = byClass.subarray(starts[c], starts[c + 1]);
      shuffleInPlace(group, random);
      const take = Math.round(fraction * group.length);
      for (let i = 0; i < take; i++) isValid[group[i]] = 1;
    }
  }
  let nValid = 0;
  for (let i = 0; i < n; i++) nValid += isValid[i];
  const train = new Int32Array(n - nValid);
  const valid = new Int32Array(nValid);
  for (let i = 0, t = 0, v = 0; i < n; i++) {
    if (isValid[i]) valid[v++] = i;
    else train[t++] = i;
  }
  return { train, valid };
}
