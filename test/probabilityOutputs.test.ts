import { describe, expect, it } from 'vitest';
import { asProbabilities } from '../shared/automl/candidates/probabilityOutputs.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { wineLikeCsv } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

/** Thirty trees' leaf proportions of one row, averaged as TreeEnsembleModel averages them. */
function forestRow(proportions: number[][]): Float64Array {
  const sums = new Float64Array(proportions[0].length);
  for (const leaf of proportions) leaf.forEach((p, k) => (sums[k] += p * (1 / proportions.length)));
  return sums;
}

describe('asProbabilities: model outputs as valid probabilities, in one place', () => {
  it('renormalizes a multiclass row that floating-point sums pushed past 1', () => {
    // Nine trees each sure of class 2: 9 × (1/9) is 1.0000000000000002 in floating point.
    const row = forestRow(Array.from({ length: 9 }, () => [0, 0, 1]));
    expect(row[2]).toBeGreaterThan(1);
    const fixed = asProbabilities(row, 'multiclass', 3);
    expect([...fixed]).toEqual([0, 0, 1]);
  });

  it('keeps every multiclass row within [0, 1] and summing to 1, whatever the leaves', () => {
    const rows = new Float64Array([0.2, 0.3, 0.5000000000000002, -1e-17, 0.4, 0.6, 0, 0, 0]);
    const fixed = asProbabilities(rows, 'multiclass', 3);
    for (let r = 0; r < 3; r++) {
      const row = [...fixed.slice(r * 3, r * 3 + 3)];
      expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    }
    expect([...fixed.slice(6)]).toEqual([1 / 3, 1 / 3, 1 / 3]); // a row of zeros: uniform
  });

  it('clamps binary outputs, leaves regression values and NaN as they are', () => {
    expect([...asProbabilities(Float64Array.of(1.0000000000000002, -1e-18, 0.25), 'binary', 2)]).toEqual([1, 0, 0.25]);
    expect([...asProbabilities(Float64Array.of(-3, 1.5), 'regression', 0)]).toEqual([-3, 1.5]);
    expect(Number.isNaN(asProbabilities(Float64Array.of(Number.NaN), 'binary', 2)[0])).toBe(true);
  });

  it('regression: a 178-row, 3-class dataset trains with every default candidate (it crashed: probabilities[…] = 1.0000000000000002)', () => {
    for (const seed of [1, 4]) {
      const result = trainModel(parseCsv(wineLikeCsv(seed)), {}, testTrainingEnvironment());
      expect(result.leaderboard.map((entry) => entry.candidate).filter((c) => c !== 'weighted_ensemble').sort()).toEqual(['decision_tree', 'gradient_boosting', 'linear', 'random_forest']);
      expect(result.metrics.test.log_loss).toBeGreaterThanOrEqual(0);
    }
  });
});
