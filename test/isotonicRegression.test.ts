import { describe, expect, it } from 'vitest';
import { calibrate } from '../shared/automl/calibration/applyCalibration.js';
import { fitIsotonic, poolAdjacentViolators } from '../shared/automl/calibration/isotonicRegression.js';
import { InvalidInputError } from '../shared/automl/errors.js';
import { createRandom } from '../shared/automl/util/random.js';

/** Sum of squared errors of `fit` against `y` (unit weights). */
function sse(fit: readonly number[], y: readonly number[]): number {
  return fit.reduce((a, f, i) => a + (f - y[i]) ** 2, 0);
}

/**
 * Brute-force isotonic regression: the optimum is constant on contiguous blocks, each at its
 * mean; try every partition of the n points into blocks (2^(n−1)), keep those whose block means
 * do not decrease, return the one with the least squared error.
 */
function bruteForceIsotonic(y: readonly number[]): number[] {
  let best: number[] = [];
  let bestError = Number.POSITIVE_INFINITY;
  for (let cuts = 0; cuts < 2 ** (y.length - 1); cuts++) {
    const fit: number[] = [];
    let start = 0;
    let previousMean = Number.NEGATIVE_INFINITY;
    let monotone = true;
    for (let i = 0; i < y.length; i++) {
      const ends = i === y.length - 1 || (cuts >> i) & 1;
      if (!ends) continue;
      const block = y.slice(start, i + 1);
      const mean = block.reduce((a, b) => a + b, 0) / block.length;
      if (mean < previousMean - 1e-12) monotone = false;
      previousMean = mean;
      for (let k = start; k <= i; k++) fit.push(mean);
      start = i + 1;
    }
    const error = sse(fit, y);
    if (monotone && error < bestError - 1e-12) {
      bestError = error;
      best = fit;
    }
  }
  return best;
}

describe('fitIsotonic (scikit-learn IsotonicRegression conventions)', () => {
  it("matches scikit-learn's thresholds and predictions on a small case with ties", () => {
    const x = [0.1, 0.2, 0.2, 0.35, 0.4, 0.4, 0.4, 0.55, 0.6, 0.7, 0.8, 0.9];
    const y = [0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1];
    const fit = fitIsotonic(x, y);
    // Expected values produced once with scikit-learn 1.9.1 (peer venv of ../shared/reference/peer-env.sh):
    //   ir = IsotonicRegression(out_of_bounds='clip', increasing=True).fit(x, y)
    //   ir.X_thresholds_.tolist(), ir.y_thresholds_.tolist(), ir.predict(t).tolist()
    expect(fit.thresholds).toEqual([0.1, 0.2, 0.4, 0.55, 0.6, 0.7, 0.9]);
    const sklearnValues = [0.0, 0.3333333333333333, 0.3333333333333333, 0.5, 0.5, 1.0, 1.0];
    fit.values.forEach((v, i) => expect(v).toBeCloseTo(sklearnValues[i], 14));
    const t = [-1, 0.1, 0.15, 0.2, 0.3, 0.45, 0.58, 0.65, 0.75, 0.85, 0.9, 2];
    const sklearnPredict = [0.0, 0.0, 0.1666666666666666, 0.3333333333333333, 0.3333333333333333, 0.38888888888888884, 0.5, 0.7500000000000002, 1.0, 1.0, 1.0, 1.0];
    const predicted = calibrate({ method: 'isotonic', ...fit }, t);
    predicted.forEach((v, i) => expect(v).toBeCloseTo(sklearnPredict[i], 14));
  });

  it('averages x closer than 1e-15 to the group start, as _make_unique', () => {
    // scikit-learn 1.9.1: fit([0.5, 0.5 + 5e-16, 0.5 + 2e-15, 0.7], [1, 0, 0, 1]) →
    //   X_thresholds_ [0.5, 0.500000000000002, 0.7], y_thresholds_ [1/3, 1/3, 1.0]
    const fit = fitIsotonic([0.5, 0.5 + 5e-16, 0.5 + 2e-15, 0.7], [1, 0, 0, 1]);
    expect(fit.thresholds).toEqual([0.5, 0.5 + 2e-15, 0.7]);
    fit.values.forEach((v, i) => expect(v).toBeCloseTo([1 / 3, 1 / 3, 1][i], 15));
  });

  it('pool-adjacent-violators gives the least-squares non-decreasing fit (brute force, 300 seeded cases)', () => {
    const random = createRandom(17);
    for (let c = 0; c < 300; c++) {
      const n = 1 + Math.floor(random() * 8);
      const y = Array.from({ length: n }, () => (random() < 0.4 ? Math.round(random()) : Math.round(random() * 10) / 10));
      const pav = Array.from(poolAdjacentViolators(y, y.map(() => 1)));
      const brute = bruteForceIsotonic(y);
      for (let i = 1; i < n; i++) expect(pav[i]).toBeGreaterThanOrEqual(pav[i - 1]);
      expect(sse(pav, y)).toBeCloseTo(sse(brute, y), 12);
      pav.forEach((v, i) => expect(v).toBeCloseTo(brute[i], 12));
    }
  });

  it('fits a monotone map in [0, 1] that predicts its own training scores by their block means', () => {
    const random = createRandom(5);
    const x = Array.from({ length: 500 }, () => Math.round(random() * 50) / 50);
    const y: number[] = x.map((s) => (random() < s * s ? 1 : 0));
    const fit = fitIsotonic(x, y);
    for (let i = 1; i < fit.thresholds.length; i++) {
      expect(fit.thresholds[i]).toBeGreaterThan(fit.thresholds[i - 1]);
      expect(fit.values[i]).toBeGreaterThanOrEqual(fit.values[i - 1]);
    }
    expect(Math.min(...fit.values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fit.values)).toBeLessThanOrEqual(1);
    // The fit at the training scores is the weighted isotonic fit of the per-score means.
    const scores = [...new Set(x)].sort((a, b) => a - b);
    const means = scores.map((s) => y.filter((_, i) => x[i] === s).reduce((a, b) => a + b, 0) / x.filter((v) => v === s).length);
    const weights = scores.map((s) => x.filter((v) => v === s).length);
    const expected = Array.from(poolAdjacentViolators(means, weights));
    const predicted = calibrate({ method: 'isotonic', ...fit }, scores);
    predicted.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    // Sum of fitted values equals the sum of labels (each block keeps its mean).
    const fittedSum = Array.from(calibrate({ method: 'isotonic', ...fit }, x)).reduce((a, b) => a + b, 0);
    expect(fittedSum).toBeCloseTo(y.reduce((a, b) => a + b, 0), 8);
  });

  it('a single distinct score is a constant map; method none is the identity', () => {
    const fit = fitIsotonic([0.3, 0.3, 0.3], [1, 0, 0]);
    expect(fit).toEqual({ thresholds: [0.3], values: [1 / 3] });
    expect(Array.from(calibrate({ method: 'isotonic', ...fit }, [0, 0.3, 1]))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(Array.from(calibrate({ method: 'none' }, [0.2, 0.9]))).toEqual([0.2, 0.9]);
  });

  it('refuses empty, mismatched or non-finite input', () => {
    expect(() => fitIsotonic([], [])).toThrow(InvalidInputError);
    expect(() => fitIsotonic([0.1], [1, 0])).toThrow(InvalidInputError);
    expect(() => fitIsotonic([0.1, Number.NaN], [1, 0])).toThrow(InvalidInputError);
  });
});
