import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inUnit, refuses } from './support/fuzzAssertions.js';
import { ksStatistic } from '../shared/drift/ksStatistic.js';
import { ksTwoSample } from '../shared/drift/ksTwoSample.js';
import { normalizedWasserstein } from '../shared/drift/normalizedWasserstein.js';
import { wassersteinDistance } from '../shared/drift/wassersteinDistance.js';

/**
 * Property-based tests (fast-check, fixed seeds) of the sample drift statistics (KS,
 * Wasserstein): any finite sample, extremes included, gives a number in its range; an empty or
 * non-finite sample is an InvalidInputError, never NaN, another kind of exception or a hang.
 * The histogram statistics are in fuzzDriftHistograms.test.ts.
 */
const RUNS = { seed: 1201, numRuns: 300 };

/** Any finite double, the extremes (±1.8e308, subnormals, −0) included. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Finite values drawn mostly from a few, so ties are common. */
const tied = fc.oneof(finite, fc.constantFrom(0, -0, 1, 1e308, -1e308, 5e-324));
const sample = fc.array(tied, { minLength: 1, maxLength: 40 });
const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
/** A sample with one NaN or ±∞ somewhere in it. */
const spoiled = fc.tuple(fc.array(finite, { maxLength: 20 }), notFinite, fc.array(finite, { maxLength: 20 })).map(([a, x, b]) => [...a, x, ...b]);

describe('sample statistics on random finite samples', () => {
  it('KS: statistic and p-value in [0, 1], symmetric, 0 and p = 1 for a sample against itself', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const { statistic, p_value } = ksTwoSample(a, b);
        expect(inUnit(statistic) && inUnit(p_value)).toBe(true);
        expect(ksStatistic(a, b)).toBe(ksStatistic(b, a));
        expect(ksTwoSample(a, a)).toEqual({ statistic: 0, p_value: 1 });
      }),
      RUNS,
    );
  });

  it('Wasserstein: ≥ 0, never NaN, 0 for a sample against itself; the normalized one finite', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const distance = wassersteinDistance(a, b);
        expect(distance >= 0).toBe(true);
        expect(wassersteinDistance(a, a)).toBe(0);
        const normalized = normalizedWasserstein(a, b);
        expect(Number.isFinite(normalized) && normalized >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('Wasserstein is finite and the normalized one is exact when values are of everyday size', () => {
    const everyday = fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(everyday, everyday, (a, b) => {
        expect(Number.isFinite(wassersteinDistance(a, b))).toBe(true);
        expect(wassersteinDistance(a, b)).toBeCloseTo(wassersteinDistance(b, a), 6);
      }),
      RUNS,
    );
  });

  it('empty samples and samples holding NaN or ±∞ are an InvalidInputError for every sample statistic', () => {
    const statistics = [ksStatistic, ksTwoSample, wassersteinDistance, normalizedWasserstein];
    fc.assert(
      fc.property(spoiled, sample, fc.boolean(), (bad, good, badFirst) => {
        for (const statistic of statistics) {
          refuses(() => (badFirst ? statistic(bad, good) : statistic(good, bad)));
          refuses(() => statistic([], good));
          refuses(() => statistic(good, []));
        }
      }),
      RUNS,
    );
  });

  it('single values: KS is 0 or 1 with p = 1 (one value each cannot be told apart)', () => {
    fc.assert(
      fc.property(finite, finite, (x, y) => {
        const { statistic, p_value } = ksTwoSample([x], [y]);
        expect(statistic).toBe(x === y ? 0 : 1);
        expect(p_value).toBe(1);
      }),
      RUNS,
    );
  });
});
