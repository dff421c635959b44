import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/automl/errors.js';
import { createRandom } from '../shared/automl/util/random.js';
import { durbinMatrixCdf } from '../shared/drift/kolmogorov/durbinMatrix.js';
import { kolmogorovMethod, kolmogorovSf } from '../shared/drift/kolmogorov/kolmogorovSf.js';
import { pelzGoodCdf } from '../shared/drift/kolmogorov/pelzGood.js';
import { smirnovOneSidedSf } from '../shared/drift/kolmogorov/smirnovOneSidedSf.js';
import { ksExactPValue } from '../shared/drift/ksExactPValue.js';
import { ksStatistic } from '../shared/drift/ksStatistic.js';
import { ksAsymptoticSize, ksTwoSample } from '../shared/drift/ksTwoSample.js';

/** Kolmogorov's limit Q(z) = 2 Σ_{k≥1} (−1)^(k−1) exp(−2k²z²) = lim P(√n D_n ≥ z). */
function kolmogorovLimitSf(z: number): number {
  let sum = 0;
  for (let k = 1; k <= 100; k++) sum += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * z * z);
  return sum;
}

function normals(seed: number, n: number, shift = 0): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe('kolmogorovSf: the one-sample two-sided KS survival function P(D_n ≥ x)', () => {
  it('has the closed forms at the ends of [0, 1]', () => {
    for (const n of [1, 2, 7, 140, 141, 5000, 200000]) {
      expect(kolmogorovSf(0, n)).toBe(1);
      expect(kolmogorovSf(-0.5, n)).toBe(1);
      expect(kolmogorovSf(1 / (2 * n), n)).toBe(1); // D_n ≥ 1/(2n) always
      expect(kolmogorovSf(1, n)).toBe(0);
      expect(kolmogorovSf(1.5, n)).toBe(0);
    }
    // Ruben–Gambino: P(D_n ≤ x) = n! (2x − 1/n)ⁿ for 1/(2n) ≤ x ≤ 1/n.
    expect(kolmogorovSf(0.25, 3)).toBeCloseTo(1 - 6 * (0.5 - 1 / 3) ** 3, 15);
    expect(kolmogorovSf(0.4, 2)).toBeCloseTo(1 - 2 * (0.8 - 0.5) ** 2, 15);
    // Next to the top: P(D_n ≥ x) = 2 (1 − x)ⁿ for x ≥ 1 − 1/n.
    expect(kolmogorovSf(0.9, 5)).toBeCloseTo(2 * 0.1 ** 5, 18);
    expect(kolmogorovSf(0.7, 1)).toBeCloseTo(0.6, 15); // D_1 = max(U, 1 − U)
    expect(kolmogorovMethod(0.9, 5)).toBe('closed form');
    expect(kolmogorovMethod(0.2, 200000)).toBe('closed form'); // n x² ≥ 370: 0
    expect(kolmogorovSf(0.2, 200000)).toBe(0);
  });

  it('agrees between the exact methods where their regions meet', () => {
    // x ≥ ½: P(D_n ≥ x) = 2 P(D_n⁺ ≥ x) exactly, and Durbin's matrix gives the same cdf.
    for (const [n, x] of [[5, 0.55], [20, 0.5], [40, 0.6]]) expect(durbinMatrixCdf(n, x)).toBeCloseTo(1 - 2 * smirnovOneSidedSf(n, x), 14);
    // Durbin's matrix continues the Ruben–Gambino closed form past x = 1/n.
    expect(1 - durbinMatrixCdf(30, 1 / 30 + 1e-12)).toBeCloseTo(kolmogorovSf(1 / 30, 30), 10);
    // D_1⁺ = 1 − U.
    expect(smirnovOneSidedSf(1, 0.3)).toBeCloseTo(0.7, 15);
  });

  it('tends to Kolmogorov’s limit with the 1/(6√n) shift of Pelz–Good’s first term', () => {
    for (const z of [0.5, 1, 1.3]) {
      const n = 1_000_000;
      expect(Math.abs(kolmogorovSf(z / Math.sqrt(n), n) - kolmogorovLimitSf(z))).toBeLessThan(5e-4);
      expect(Math.abs(kolmogorovSf(z / Math.sqrt(n), n) - kolmogorovLimitSf(z + 1 / (6 * Math.sqrt(n))))).toBeLessThan(2e-6);
    }
    expect(kolmogorovLimitSf(1)).toBeCloseTo(0.26999967, 8);
  });

  it('has the Pelz–Good series within 5e-6 of the exact cdf for n > 140', () => {
    for (const n of [141, 500, 2000]) {
      for (const z of [0.4, 0.6, 0.8, 1, 1.2, 1.45]) {
        const x = z / Math.sqrt(n);
        expect(Math.abs(pelzGoodCdf(n, x) - durbinMatrixCdf(n, x)), `n ${n}, z ${z}`).toBeLessThan(5e-6);
      }
    }
  });

  it('is non-increasing in x (to within the Pelz–Good error where the method switches) and stays in [0, 1]', () => {
    for (const n of [1, 3, 10, 60, 140, 141, 300, 1000, 20000, 150000]) {
      let previous = 1;
      for (let i = 1; i <= 250; i++) {
        const x = (i / 250) ** 2; // denser at small x, where n x² crosses every threshold
        const p = kolmogorovSf(x, n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(p, `n ${n}, x ${x}`).toBeLessThanOrEqual(previous + (n > 140 ? 5e-6 : 1e-14));
        previous = p;
      }
    }
  });

  it('matches known values', () => {
    // P(D_5 ≤ 1/5) = 5!/5⁵ = 0.0384 (Ruben–Gambino at x = 1/n); P(D_3 ≤ 0.4) as scipy.stats.kstwo.cdf gives it.
    expect(kolmogorovSf(0.2, 5)).toBeCloseTo(1 - 0.0384, 15);
    expect(kolmogorovSf(0.4, 3)).toBeCloseTo(1 - 0.4053333333333333, 14);
    expect(kolmogorovSf(0.2, 50)).toBeCloseTo(1 - 0.9685612222304676, 14);
    // Smirnov's limit: P(D_n⁺ ≥ x) ≈ exp(−2 n x²) for large n.
    expect(smirnovOneSidedSf(100000, Math.sqrt(1 / 100000)) / Math.exp(-2)).toBeCloseTo(1, 2);
  });

  it('refuses a non-integer or non-positive n and a non-finite x', () => {
    expect(() => kolmogorovSf(0.1, 0)).toThrow(InvalidInputError);
    expect(() => kolmogorovSf(0.1, 2.5)).toThrow(/n must be a positive integer/);
    expect(() => kolmogorovSf(Number.NaN, 10)).toThrow(/x must be finite/);
  });
});

describe('ksTwoSample', () => {
  it('uses the exact p-value up to 10,000 values a side', () => {
    const reference = normals(1, 300);
    const current = normals(2, 10000, 0.1);
    expect(ksTwoSample(reference, current)).toEqual(ksExactPValue(300, 10000, ksStatistic(reference, current)));
  });

  it('uses kstwo.sf(D, round(m n / (m + n))) above, ties to even', () => {
    const reference = normals(3, 20001);
    const current = normals(4, 20001, 0.02);
    const d = ksStatistic(reference, current);
    // m n / (m + n) = 10000.5 rounds to 10000, as Python's round; 5000.5 to 5000, 10.5 to 10, 11.5 to 12.
    expect([ksAsymptoticSize(20001, 20001), ksAsymptoticSize(10001, 10001), ksAsymptoticSize(21, 21), ksAsymptoticSize(23, 23)]).toEqual([10000, 5000, 10, 12]);
    expect(ksTwoSample(reference, current)).toEqual({ statistic: d, p_value: kolmogorovSf(d, 10000) });
    const single = ksTwoSample([0.5], normals(5, 12000));
    expect(single.p_value).toBe(kolmogorovSf(single.statistic, 1));
  });

  it('refuses empty and non-finite samples', () => {
    expect(() => ksTwoSample([], [1])).toThrow(InvalidInputError);
    expect(() => ksTwoSample(normals(6, 20000), [1, Number.POSITIVE_INFINITY])).toThrow(/current\[1\] is not finite/);
  });
});
