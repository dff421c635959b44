import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/automl/errors.js';
import { chiSquareGoodnessOfFit } from '../shared/drift/chiSquareGoodnessOfFit.js';
import { jensenShannonDistance } from '../shared/drift/jensenShannonDistance.js';
import { WASSERSTEIN_STD_FLOOR, normalizedWasserstein } from '../shared/drift/normalizedWasserstein.js';
import { chiSquareSf } from '../shared/drift/special/chiSquareSf.js';
import { complementaryErrorFunction } from '../shared/drift/special/complementaryErrorFunction.js';
import { logGamma } from '../shared/drift/special/logGamma.js';
import { normalSf } from '../shared/drift/special/normalSf.js';
import { stirlingCorrection } from '../shared/drift/special/stirlingCorrection.js';
import { upperRegularizedGamma } from '../shared/drift/special/upperRegularizedGamma.js';
import { twoProportionZTest } from '../shared/drift/twoProportionZTest.js';
import { wassersteinDistance } from '../shared/drift/wassersteinDistance.js';

describe('special functions', () => {
  it('logGamma gives ln((n − 1)!) and ln √π, on both sides of the Stirling shift', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(20)).toBeCloseTo(Math.log(121645100408832000), 12); // 19!
    expect(logGamma(15.3) - logGamma(14.3)).toBeCloseTo(Math.log(14.3), 13); // Γ(z + 1) = z Γ(z) across the shift at 15
    expect(() => logGamma(0)).toThrow(InvalidInputError);
    expect(() => stirlingCorrection(3)).toThrow(InvalidInputError);
  });

  it('upperRegularizedGamma: Q(1, x) = e^−x, Q(1/2, x) = erfc(√x), Q(a, 0) = 1, Q(a, ∞) = 0', () => {
    for (const x of [0.1, 1, 1.9, 2, 5, 40]) {
      expect(upperRegularizedGamma(1, x)).toBeCloseTo(Math.exp(-x), 14);
      expect(upperRegularizedGamma(0.5, x)).toBeCloseTo(complementaryErrorFunction(Math.sqrt(x)), 14);
    }
    expect(upperRegularizedGamma(3, 0)).toBe(1);
    expect(upperRegularizedGamma(3, Infinity)).toBe(0);
    // Q(n, x) = e^−x Σ_{k<n} x^k / k! for integer n; n = 3, x = 2 (series side) and x = 5 (fraction side).
    expect(upperRegularizedGamma(3, 2)).toBeCloseTo(Math.exp(-2) * (1 + 2 + 2), 14);
    expect(upperRegularizedGamma(3, 5)).toBeCloseTo(Math.exp(-5) * (1 + 5 + 12.5), 14);
    for (const [a, x] of [[0, 1], [-1, 1], [1, -1], [Number.NaN, 1], [1, Number.NaN], [Infinity, 1]]) {
      expect(() => upperRegularizedGamma(a, x)).toThrow(InvalidInputError);
    }
  });

  it('chiSquareSf: e^{−x/2} for df = 2, 2·normalSf(√x) for df = 1, 1 at x ≤ 0', () => {
    expect(chiSquareSf(3, 2)).toBeCloseTo(Math.exp(-1.5), 14);
    expect(chiSquareSf(3.84, 1)).toBeCloseTo(2 * normalSf(Math.sqrt(3.84)), 14);
    expect(chiSquareSf(0, 4)).toBe(1);
    expect(chiSquareSf(-1, 4)).toBe(1);
    expect(() => chiSquareSf(1, 0)).toThrow(InvalidInputError);
    expect(() => chiSquareSf(Number.NaN, 1)).toThrow(InvalidInputError);
  });

  it('complementaryErrorFunction: erfc(0) = 1, ±∞, reflection erfc(−x) = 2 − erfc(x), continuity at the switch', () => {
    expect(complementaryErrorFunction(0)).toBe(1);
    expect(complementaryErrorFunction(Infinity)).toBe(0);
    expect(complementaryErrorFunction(-Infinity)).toBe(2);
    expect(complementaryErrorFunction(-0.7)).toBe(2 - complementaryErrorFunction(0.7));
    expect(complementaryErrorFunction(1 - 1e-12) / complementaryErrorFunction(1)).toBeCloseTo(1, 11);
    expect(complementaryErrorFunction(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(() => complementaryErrorFunction(Number.NaN)).toThrow(InvalidInputError);
    expect(normalSf(0)).toBe(0.5);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalSf(40)).toBe(0);
    expect(normalSf(30)).toBeGreaterThan(0); // 4.9e-198, not underflowed
  });
});

describe('chiSquareGoodnessOfFit', () => {
  it('matches hand-computed values: expected = reference shares × current total', () => {
    // expected (50, 50): 10²/50 + 10²/50 = 4, p = chi2.sf(4, 1) = 2·normalSf(2).
    const result = chiSquareGoodnessOfFit([50, 50], [60, 40]);
    expect(result.statistic).toBeCloseTo(4, 12);
    expect(result.p_value).toBeCloseTo(2 * normalSf(2), 14);
    // Shares are rescaled to the current total: reference (5, 5, 5) → expected (1, 1, 1); 1 + 1 + 0 = 2, p = e^−1.
    const scaled = chiSquareGoodnessOfFit([5, 5, 5], [2, 0, 1]);
    expect(scaled.statistic).toBeCloseTo(2, 12);
    expect(scaled.p_value).toBeCloseTo(Math.exp(-1), 14);
  });

  it('gives statistic 0, p 1 for one bin, and for identical shares', () => {
    expect(chiSquareGoodnessOfFit([7], [3])).toEqual({ statistic: 0, p_value: 1 });
    expect(chiSquareGoodnessOfFit([10, 30], [1, 3]).statistic).toBeCloseTo(0, 14);
  });

  it('gives an unseen category the reference share 1/(n_ref + 1): 300 unseen rows in 1,000 drift, one does not', () => {
    // n_ref = 1,000; shares 0.5, 0.5, 1/1001, renormalized by 1002/1001: expected 1000·1001/2004 (twice) and 1000/1002.
    const seen = (1000 * 1001) / 2004;
    const unseen = 1000 / 1002;
    const many = chiSquareGoodnessOfFit([500, 500, 0], [350, 350, 300]);
    expect(many.statistic).toBeCloseTo((2 * (350 - seen) ** 2) / seen + (300 - unseen) ** 2 / unseen, 8);
    expect(Number.isFinite(many.statistic)).toBe(true);
    expect(many.p_value).toBeLessThan(0.05);
    const one = chiSquareGoodnessOfFit([500, 500, 0], [500, 499, 1]);
    expect(one.statistic).toBeCloseTo((500 - seen) ** 2 / seen + (499 - seen) ** 2 / seen + (1 - unseen) ** 2 / unseen, 12);
    expect(one.p_value).toBeGreaterThan(0.05);
  });

  it('stays finite for a constant column that changes value', () => {
    const result = chiSquareGoodnessOfFit([1000, 0], [0, 1000]);
    expect(Number.isFinite(result.statistic)).toBe(true);
    expect(result.p_value).toBeLessThan(0.05);
  });

  it('rejects empty, mismatched, negative, non-finite and all-zero counts', () => {
    for (const [r, c] of [[[], []], [[1, 2], [1]], [[1, -1], [1, 1]], [[1, Number.NaN], [1, 1]], [[1, Infinity], [1, 1]], [[0, 0], [1, 1]], [[1, 1], [0, 0]]]) {
      expect(() => chiSquareGoodnessOfFit(r, c)).toThrow(InvalidInputError);
    }
  });
});

describe('twoProportionZTest', () => {
  it('matches a hand-computed value: 50/100 vs 30/100', () => {
    // p̂ = 0.4, variance 0.4 · 0.6 · (1/100 + 1/100) = 0.0048, z = 0.2 / √0.0048.
    const result = twoProportionZTest(50, 100, 30, 100);
    expect(result.statistic).toBeCloseTo(0.2 / Math.sqrt(0.0048), 12);
    expect(result.p_value).toBeCloseTo(2 * normalSf(0.2 / Math.sqrt(0.0048)), 14);
    expect(result.p_value).toBeCloseTo(0.003892417122778628, 12);
    expect(twoProportionZTest(30, 100, 50, 100).statistic).toBeCloseTo(-result.statistic, 14);
  });

  it('gives statistic 0, p 1 when the pooled variance is zero (both all failures or all successes)', () => {
    expect(twoProportionZTest(0, 100, 0, 50)).toEqual({ statistic: 0, p_value: 1 });
    expect(twoProportionZTest(100, 100, 50, 50)).toEqual({ statistic: 0, p_value: 1 });
  });

  it('flags a constant that changes value, without NaN', () => {
    const result = twoProportionZTest(1000, 1000, 0, 1000);
    expect(result.statistic).toBeCloseTo(1 / Math.sqrt(0.0005), 10);
    expect(result.p_value).toBeLessThan(1e-100);
  });

  it('rejects totals ≤ 0 and successes outside [0, total]', () => {
    for (const [s1, n1, s2, n2] of [[0, 0, 1, 2], [1, 2, 3, 2], [-1, 2, 1, 2], [Number.NaN, 2, 1, 2], [1, Infinity, 1, 2]]) {
      expect(() => twoProportionZTest(s1, n1, s2, n2)).toThrow(InvalidInputError);
    }
  });
});

describe('wassersteinDistance and normalizedWasserstein', () => {
  it('matches hand-computed values: a shift, single points, ties', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 14);
    expect(wassersteinDistance([0], [1])).toBe(1);
    expect(wassersteinDistance([0, 0, 1], [0, 1, 1])).toBeCloseTo(1 / 3, 15); // |2/3 − 1/3| over [0, 1)
    expect(wassersteinDistance(new Float64Array([3, 1, 2]), [2, 1, 3])).toBe(0);
    expect(wassersteinDistance([0, 2], [1, 3, 5])).toBeCloseTo(wassersteinDistance([1, 3, 5], [0, 2]), 15);
  });

  it('divides by the population std of the reference, floored at 0.001', () => {
    expect(normalizedWasserstein([0, 2], [1, 3])).toBeCloseTo(1, 14); // W = 1, σ = 1
    expect(normalizedWasserstein([2, 2, 2], [2, 2])).toBe(0); // constant and unchanged: no NaN
    expect(normalizedWasserstein([2, 2, 2], [3, 3])).toBeCloseTo(1 / WASSERSTEIN_STD_FLOOR, 9); // constant that moved: drift
  });

  it('rejects empty and non-finite input', () => {
    for (const [u, v] of [[[], [1]], [[1], []], [[1, Number.NaN], [1]], [[1], [Infinity]]]) {
      expect(() => wassersteinDistance(u, v)).toThrow(InvalidInputError);
      expect(() => normalizedWasserstein(u, v)).toThrow(InvalidInputError);
    }
  });

  it('with weights, equals repeating each value its weight\'s times (the exact value counts of a reference)', () => {
    const values = [85, 80, 90, 100];
    const counts = [3, 1, 0, 2];
    const repeated = values.flatMap((v, i) => Array.from({ length: counts[i] }, () => v));
    const current = [80, 85, 85, 95, 100, 126];
    expect(wassersteinDistance(values, current, counts)).toBeCloseTo(wassersteinDistance(repeated, current), 14);
    expect(wassersteinDistance(current, values, undefined, counts)).toBeCloseTo(wassersteinDistance(current, repeated), 14);
    expect(normalizedWasserstein(values, current, counts)).toBeCloseTo(normalizedWasserstein(repeated, current), 14);
    expect(wassersteinDistance([0, 1], [0, 1], [1, 3], [2, 6])).toBe(0); // only the shares count
  });

  it('rejects weights of another length, negative or non-finite weights, and weights summing to 0', () => {
    for (const weights of [[1], [1, -1], [1, Number.NaN], [1, Infinity], [0, 0]]) {
      expect(() => wassersteinDistance([1, 2], [1], weights)).toThrow(InvalidInputError);
      expect(() => wassersteinDistance([1], [1, 2], undefined, weights)).toThrow(InvalidInputError);
      expect(() => normalizedWasserstein([1, 2], [1], weights)).toThrow(InvalidInputError);
    }
  });
});

describe('jensenShannonDistance', () => {
  it('is 0 for equal shares and √ln 2 for disjoint supports', () => {
    expect(jensenShannonDistance([1, 2, 3], [10, 20, 30])).toBe(0);
    expect(jensenShannonDistance([5, 0], [0, 7])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });

  it('matches a hand-computed value: p = (½, ½), q = (1, 0)', () => {
    // m = (¾, ¼); KL(p‖m) = ½ ln(4/3), KL(q‖m) = ln(4/3); distance = √(¾ ln(4/3)).
    expect(jensenShannonDistance([1, 1], [1, 0])).toBeCloseTo(Math.sqrt(0.75 * Math.log(4 / 3)), 15);
    expect(jensenShannonDistance([1, 0], [1, 1])).toBeCloseTo(Math.sqrt(0.75 * Math.log(4 / 3)), 15);
  });

  it('stays finite for an unseen category and for bins empty on both sides', () => {
    const distance = jensenShannonDistance([500, 500, 0, 0], [350, 350, 300, 0]);
    expect(Number.isFinite(distance)).toBe(true);
    expect(distance).toBeGreaterThan(0.1);
  });

  it('rejects empty, mismatched, negative and all-zero counts', () => {
    for (const [p, q] of [[[], []], [[1], [1, 2]], [[-1, 2], [1, 2]], [[0, 0], [1, 2]], [[1, Number.NaN], [1, 2]]]) {
      expect(() => jensenShannonDistance(p, q)).toThrow(InvalidInputError);
    }
  });
});
