import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/automl/errors.js';
import { inUnit, refuses } from './support/fuzzAssertions.js';
import { chiSquareGoodnessOfFit } from '../shared/drift/chiSquareGoodnessOfFit.js';
import { jensenShannonDistance } from '../shared/drift/jensenShannonDistance.js';
import { populationStabilityIndex } from '../shared/drift/populationStabilityIndex.js';
import { complementaryErrorFunction } from '../shared/drift/special/complementaryErrorFunction.js';
import { normalSf } from '../shared/drift/special/normalSf.js';
import { twoProportionZTest } from '../shared/drift/twoProportionZTest.js';

/**
 * Property-based tests (fast-check, fixed seeds) of the histogram drift statistics (chi-square,
 * Jensen–Shannon, PSI, the two-proportion z-test) and the normal tail they use: any valid counts,
 * huge ones included, give a number in its range; negative, NaN or ±∞ counts, empty or unequal
 * bins are an InvalidInputError, never NaN, another kind of exception or a hang.
 */
const RUNS = { seed: 1206, numRuns: 300 };

/** Histograms over the same k bins, counts as a drift check makes them (integers), each side non-empty. */
const histograms = fc
  .integer({ min: 1, max: 12 })
  .chain((k) => fc.tuple(fc.array(fc.nat(1e6), { minLength: k, maxLength: k }), fc.array(fc.nat(1e6), { minLength: k, maxLength: k })))
  .filter(([r, c]) => r.some((x) => x > 0) && c.some((x) => x > 0));
/** Histograms where some count is negative, NaN, ±∞, or a side is all zero, or the lengths differ. */
const badHistograms = fc.oneof(
  fc.tuple(fc.array(fc.nat(100), { minLength: 1, maxLength: 6 }), fc.constantFrom(-1, -1e-9, Number.NaN, Infinity, -Infinity)).map(([r, bad]) => [[...r, bad], [...r, 1]] as const),
  fc.integer({ min: 1, max: 6 }).map((k) => [new Array<number>(k).fill(0), new Array<number>(k).fill(1)] as const),
  fc.tuple(fc.array(fc.nat(100), { minLength: 1, maxLength: 6 }), fc.nat(100)).map(([r, extra]) => [r, [...r, extra]] as const),
  fc.constant([[], []] as const),
);


describe('histogram statistics on random counts', () => {
  it('chi-square: statistic finite ≥ 0, p in [0, 1]; Jensen–Shannon in [0, √ln 2]; PSI finite ≥ 0', () => {
    fc.assert(
      fc.property(histograms, ([reference, current]) => {
        const chi = chiSquareGoodnessOfFit(reference, current);
        expect(Number.isFinite(chi.statistic) && chi.statistic >= 0 && inUnit(chi.p_value)).toBe(true);
        const js = jensenShannonDistance(reference, current);
        expect(js >= 0 && js <= Math.sqrt(Math.LN2) + 1e-12).toBe(true);
        const psi = populationStabilityIndex(reference, current);
        expect(Number.isFinite(psi) && psi >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('huge counts: exact counts up to 2^53 give finite statistics; any finite counts give no NaN, or an InvalidInputError', () => {
    const bins = <T>(count: fc.Arbitrary<T>) =>
      fc.integer({ min: 1, max: 6 }).chain((k) => fc.tuple(fc.array(count, { minLength: k, maxLength: k }), fc.array(count, { minLength: k, maxLength: k })));
    const outcome = (f: () => number): number | InvalidInputError => {
      try {
        return f();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return error as InvalidInputError;
      }
    };
    fc.assert(
      fc.property(bins(fc.oneof(fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))), ([reference, current]) => {
        const chi = outcome(() => chiSquareGoodnessOfFit(reference, current).statistic);
        if (typeof chi === 'number') expect(Number.isFinite(chi)).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(bins(fc.double({ min: 0, max: 1.7e308, noNaN: true })), ([reference, current]) => {
        const chi = outcome(() => {
          const { statistic, p_value } = chiSquareGoodnessOfFit(reference, current);
          expect(statistic >= 0 && inUnit(p_value)).toBe(true); // +∞ (p = 0) only past 2^53 rows
          return statistic;
        });
        if (typeof chi === 'number') expect(Number.isNaN(chi)).toBe(false);
        const js = outcome(() => jensenShannonDistance(reference, current));
        if (typeof js === 'number') expect(js >= 0 && js <= Math.sqrt(Math.LN2) + 1e-12).toBe(true);
        const psi = outcome(() => populationStabilityIndex(reference, current));
        if (typeof psi === 'number') expect(Number.isFinite(psi) && psi >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('negative, NaN or ±∞ counts, an all-zero side, unequal or empty bins are an InvalidInputError', () => {
    const statistics = [chiSquareGoodnessOfFit, jensenShannonDistance, populationStabilityIndex];
    fc.assert(
      fc.property(badHistograms, fc.boolean(), ([bad, good], badFirst) => {
        for (const statistic of statistics) refuses(() => (badFirst ? statistic([...bad], [...good]) : statistic([...good], [...bad])));
      }),
      RUNS,
    );
  });

  it('the normal tail: erfc in [0, 2] and normalSf in [0, 1] for any non-NaN argument, far tails included', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const erfc = complementaryErrorFunction(x);
        expect(erfc >= 0 && erfc <= 2).toBe(true);
        expect(inUnit(normalSf(x))).toBe(true);
      }),
      RUNS,
    );
  });

  it('two-proportion z-test: p in [0, 1] for any valid counts; successes outside [0, total] or a bad total are refused', () => {
    const side = fc.integer({ min: 1, max: 1e9 }).chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)));
    fc.assert(
      fc.property(side, side, ([s1, n1], [s2, n2]) => {
        const { statistic, p_value } = twoProportionZTest(s1, n1, s2, n2);
        expect(Number.isFinite(statistic) && inUnit(p_value)).toBe(true);
      }),
      RUNS,
    );
    const bad = fc.oneof(
      fc.tuple(fc.constantFrom(-1, Number.NaN, 11, Infinity), fc.constant(10)),
      fc.tuple(fc.constant(0), fc.constantFrom(0, -5, Number.NaN, Infinity)),
    );
    fc.assert(
      fc.property(bad, side, ([s1, n1], [s2, n2]) => {
        refuses(() => twoProportionZTest(s1, n1, s2, n2));
        refuses(() => twoProportionZTest(s2, n2, s1, n1));
      }),
      RUNS,
    );
  });
});
