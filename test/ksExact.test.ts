import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/automl/errors.js';
import { ksExactPValue } from '../shared/drift/ksExactPValue.js';
import { ksStatistic } from '../shared/drift/ksStatistic.js';

describe('the two-sample KS statistic and its exact p-value', () => {
  it('is D = 0, p = 1 for identical samples, ties included', () => {
    const sample = [1, 2, 2, 3, 3, 3];
    expect(ksStatistic(sample, [...sample].reverse())).toBe(0);
    expect(ksExactPValue(6, 6, 0)).toEqual({ statistic: 0, p_value: 1 });
  });

  it('gives the two extreme interleavings of completely separated samples: p = 2 / C(m + n, m)', () => {
    expect(ksStatistic([1, 2, 3], [4, 5, 6])).toBe(1);
    expect(ksExactPValue(3, 3, 1).p_value).toBeCloseTo(2 / 20, 15);
    expect(ksExactPValue(2, 5, 1).p_value).toBeCloseTo(2 / 21, 15);
  });

  it('counts every path by hand for m = n = 2: P(D ≥ 1/2) = 1', () => {
    // The 6 interleavings of {a, a} and {b, b}: every one reaches |F_a − F_b| = 1/2 at its first step.
    expect(ksExactPValue(2, 2, 0.5).p_value).toBeCloseTo(1, 15);
  });

  it('rounds d to the lattice of attainable values (multiples of 1/lcm), as scipy reports it', () => {
    const { statistic } = ksExactPValue(3, 4, 0.4166666666);
    expect(statistic).toBe(5 / 12);
  });

  it('evaluates ties all at once: the statistic is taken after every value equal to t', () => {
    expect(ksStatistic([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 15);
  });

  it('refuses empty or non-finite samples and impossible arguments', () => {
    expect(() => ksStatistic([], [1])).toThrow(InvalidInputError);
    expect(() => ksStatistic([1, Number.NaN], [1])).toThrow(/ksStatistic: reference\[1\] is not finite/);
    expect(() => ksExactPValue(0, 3, 0.5)).toThrow(/sample sizes must be positive integers/);
    expect(() => ksExactPValue(3, 3, 1.5)).toThrow(/d must be in \[0, 1\]/);
  });
});
