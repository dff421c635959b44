import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/automl/errors.js';
import { PSI_EPSILON, populationStabilityIndex } from '../shared/drift/populationStabilityIndex.js';

describe('populationStabilityIndex', () => {
  it('is 0 for identical histograms', () => {
    expect(populationStabilityIndex([50, 30, 20], [50, 30, 20])).toBe(0);
    expect(populationStabilityIndex([7], [7])).toBe(0);
  });

  it('matches a hand-computed example: Σ (a − e)·ln(a / e) over the shares', () => {
    // e = 0.5, 0.3, 0.2; a = 0.3, 0.3, 0.4: (−0.2)·ln 0.6 + 0 + 0.2·ln 2 = 0.1021651 + 0.1386294.
    expect(populationStabilityIndex([50, 30, 20], [30, 30, 40])).toBeCloseTo(0.2407946, 6);
  });

  it('floors empty bins at PSI_EPSILON, so the result stays finite', () => {
    const psi = populationStabilityIndex([100, 0], [50, 50]);
    expect(Number.isFinite(psi)).toBe(true);
    expect(psi).toBeCloseTo(-0.5 * Math.log(0.5) + (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON), 12);
    expect(populationStabilityIndex([10, 0, 5], [20, 0, 10])).toBe(0);
  });

  it('depends on the shares only: counts, shares and scaled counts give the same index', () => {
    const fromCounts = populationStabilityIndex([50, 30, 20], [30, 30, 40]);
    expect(populationStabilityIndex([0.5, 0.3, 0.2], [0.3, 0.3, 0.4])).toBeCloseTo(fromCounts, 12);
    expect(populationStabilityIndex([5000, 3000, 2000], [3, 3, 4])).toBeCloseTo(fromCounts, 12);
  });

  it('is symmetric in expected and actual', () => {
    expect(populationStabilityIndex([30, 30, 40], [50, 30, 20])).toBeCloseTo(populationStabilityIndex([50, 30, 20], [30, 30, 40]), 12);
  });

  it('throws InvalidInputError for empty, unequal-length or all-zero histograms', () => {
    const shape = 'populationStabilityIndex: histograms must be non-empty and of equal length';
    expect(() => populationStabilityIndex([], [])).toThrow(InvalidInputError);
    expect(() => populationStabilityIndex([], [])).toThrow(shape);
    expect(() => populationStabilityIndex([1, 2], [1])).toThrow(shape);
    expect(() => populationStabilityIndex([0, 0], [1, 1])).toThrow(InvalidInputError);
    expect(() => populationStabilityIndex([1, 1], [0, 0])).toThrow('populationStabilityIndex: a histogram is empty');
  });
});
