/**
 * Input checks shared by the metrics of this folder (internal: not re-exported by `index.ts`).
 * Every failure is an `InvalidInputError` whose message starts with the metric's name.
 */
import { InvalidInputError } from '../errors.js';

/** Checks that both arrays are non-empty and of one length; returns that length. */
export function checkLengths(
  metric: string,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  firstName: string,
  secondName: string,
): number {
  const n = first.length;
  if (n === 0) throw new InvalidInputError(`${metric}: ${firstName} is empty`);
  if (second.length !== n) {
    throw new InvalidInputError(
      `${metric}: ${firstName} and ${secondName} differ in length (${n} vs ${second.length})`,
    );
  }
  return n;
}

/** Checks that every label is 0 or 1; returns the number of 1s. */
export function countBinaryLabels(metric: string, labels: ArrayLike<number>, name = 'labels'): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y === 1) positives++;
    else if (y !== 0) throw new InvalidInputError(`${metric}: ${name}[${i}] = ${y} is not 0 or 1`);
  }
  return positives;
}

/** Checks that every value is finite (no NaN, no ±Infinity). */
export function checkFinite(metric: string, values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new InvalidInputError(`${metric}: ${name}[${i}] = ${v} is not finite`);
  }
}

/** Checks that every value is a probability: finite and within [0, 1]. */
export function checkProbabilities(metric: string, values: ArrayLike<number>, name = 'probabilities'): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v <= 1)) throw new InvalidInputError(`${metric}: ${name}[${i}] = ${v} is not within [0, 1]`);
  }
}

/** Checks that k is an integer ≥ 2. */
export function checkClassCount(metric: string, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new InvalidInputError(`${metric}: k = ${k} is not an integer ≥ 2`);
}

/**
 * Checks that every label is a class index: an integer in [0, k) or, without k, an integer ≥ 0.
 */
export function checkClassLabels(metric: string, labels: ArrayLike<number>, name: string, k = Infinity): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < k)) {
      const range = k === Infinity ? 'an integer ≥ 0' : `an integer in [0, ${k})`;
      throw new InvalidInputError(`${metric}: ${name}[${i}] = ${y} is not ${range}`);
    }
  }
}

/** Checks a row-major (n × k) matrix against n labels; returns n. */
export function checkRowMajor(metric: string, labels: ArrayLike<number>, matrix: ArrayLike<number>, k: number): number {
  checkClassCount(metric, k);
  const n = labels.length;
  if (n === 0) throw new InvalidInputError(`${metric}: labels is empty`);
  if (matrix.length !== n * k) {
    throw new InvalidInputError(
      `${metric}: probabilities has ${matrix.length} values, expected labels.length × k = ${n} × ${k} = ${n * k}`,
    );
  }
  checkClassLabels(metric, labels, 'labels', k);
  return n;
}
