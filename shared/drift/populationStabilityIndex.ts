import { InvalidInputError } from '../automl/errors.js';

/** Share floor for an empty bin, so the logarithm stays finite (a common PSI convention). */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index of two histograms over the same bins:
 * PSI = Σ (a_i − e_i) · ln(a_i / e_i), with a and e the shares of `actual` and `expected`,
 * each floored at `PSI_EPSILON`. Rule of thumb: < 0.1 stable, 0.1–0.2 moderate, > 0.2 drift.
 * Counts (or shares) must be finite and ≥ 0, each side with a positive, finite total; otherwise an
 * `InvalidInputError`.
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length === 0 || expected.length !== actual.length) {
    throw new InvalidInputError('populationStabilityIndex: histograms must be non-empty and of equal length');
  }
  for (let i = 0; i < expected.length; i++) {
    if (!(expected[i] >= 0 && actual[i] >= 0 && Number.isFinite(expected[i]) && Number.isFinite(actual[i]))) {
      throw new InvalidInputError(`populationStabilityIndex: counts must be finite and ≥ 0 (bin ${i})`);
    }
  }
  const totalE = expected.reduce((a, b) => a + b, 0);
  const totalA = actual.reduce((a, b) => a + b, 0);
  if (totalE <= 0 || totalA <= 0) throw new InvalidInputError('populationStabilityIndex: a histogram is empty');
  if (!Number.isFinite(totalE + totalA)) throw new InvalidInputError('populationStabilityIndex: the counts add up past the largest double');
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] / totalE, PSI_EPSILON);
    const a = Math.max(actual[i] / totalA, PSI_EPSILON);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
