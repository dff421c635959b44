import { describe, expect, it } from 'vitest';
import type { Frame } from '../shared/automl/data/frame.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';
import {
  FeatureStatisticsSchema,
  featureStatistics,
  histogramCounts,
  quantileOfSorted,
} from '../shared/automl/statistics/featureStatistics.js';

const features: FeatureSpec[] = [
  { name: 'x', type: 'numeric', missing: 1, range: { min: 1, max: 5 } },
  { name: 'color', type: 'categorical', missing: 1, categories: ['red', 'blue', 'green'] },
  { name: 'flag', type: 'binary', missing: 0, categories: ['y', 'n'] },
  { name: 'empty', type: 'numeric', missing: 6 },
];

const frame: Frame = {
  nRows: 6,
  columns: [
    { kind: 'numeric', values: Float64Array.of(3, 1, Number.NaN, 2, 4, 5) },
    { kind: 'categorical', values: ['red', null, 'blue', 'red', 'red', 'green'] },
    { kind: 'categorical', values: ['y', 'n', 'y', 'y', 'n', 'y'] },
    { kind: 'numeric', values: new Float64Array(6).fill(Number.NaN) },
  ],
};

function numeric(stats: ReturnType<typeof featureStatistics>, name: string) {
  const s = stats.features[name];
  if (s.type !== 'numeric') throw new Error(`${name} is not numeric`);
  return s;
}

function expectAllClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
}

describe('featureStatistics', () => {
  const stats = featureStatistics(frame, features);

  it('matches its schema and counts the frame rows', () => {
    expect(FeatureStatisticsSchema.parse(stats)).toEqual(stats);
    expect(stats.rows).toBe(6);
    expect(Object.keys(stats.features)).toEqual(['x', 'color', 'flag', 'empty']);
  });

  it('gives count, missing, mean, population std, min and max over the present numeric values', () => {
    // Present values 1, 2, 3, 4, 5: mean 3, population variance (4 + 1 + 0 + 1 + 4) / 5 = 2.
    const x = numeric(stats, 'x');
    expect(x).toMatchObject({ type: 'numeric', count: 5, missing: 1, mean: 3, min: 1, max: 5 });
    expect(x.std).toBeCloseTo(Math.SQRT2, 12);
  });

  it('gives type-7 quantiles (linear interpolation at position (n − 1)·q)', () => {
    // Position 4q over 1..5, so the quantile is 1 + 4q.
    const x = numeric(stats, 'x');
    expect(Object.keys(x.quantiles)).toEqual(['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99']);
    const levels = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
    expectAllClose(Object.values(x.quantiles), levels.map((q) => 1 + 4 * q));
    expect(quantileOfSorted([10, 20], 0.25)).toBe(12.5);
    expect(quantileOfSorted([7], 0.9)).toBe(7);
  });

  it('histograms numeric values on the decile edges, an edge value in the bin it closes', () => {
    const x = numeric(stats, 'x');
    // Deciles of 1..5: 1.4, 1.8, …, 4.6. Values 1, 2, 3, 4, 5; 3 equals the 5th edge and counts in bin 4, (2.6, 3].
    expectAllClose(x.histogram.edges, [1.4, 1.8, 2.2, 2.6, 3, 3.4, 3.8, 4.2, 4.6]);
    expect(x.histogram.counts).toEqual([1, 0, 1, 0, 1, 0, 0, 1, 0, 1]);
  });

  it('merges repeated decile edges, so repeated values give fewer bins', () => {
    const repeated: Frame = { nRows: 10, columns: [{ kind: 'numeric', values: Float64Array.of(1, 1, 2, 1, 1, 1, 3, 1, 1, 1) }] };
    const r = numeric(featureStatistics(repeated, [{ name: 'r', type: 'numeric', missing: 0 }]), 'r');
    // Sorted: eight 1s, 2, 3. Deciles 1–7 are all 1; the 8th is 1 + 0.2, the 9th 2 + 0.1.
    expectAllClose(r.histogram.edges, [1, 1.2, 2.1]);
    expect(r.histogram.counts).toEqual([8, 0, 1, 1]);
  });

  it('reports a numeric column with every value missing as zeros with an empty histogram', () => {
    const empty = numeric(stats, 'empty');
    expect(empty).toMatchObject({ count: 0, missing: 6, mean: 0, std: 0, min: 0, max: 0, histogram: { edges: [], counts: [0] } });
    expect(Object.values(empty.quantiles).every((q) => q === 0)).toBe(true);
  });

  it('counts categorical and binary frequencies, leaving missing values out', () => {
    expect(stats.features.color).toEqual({ type: 'categorical', count: 5, missing: 1, frequencies: { red: 3, blue: 1, green: 1 } });
    expect(stats.features.flag).toEqual({ type: 'binary', count: 6, missing: 0, frequencies: { y: 4, n: 2 } });
  });
});

describe('histogramCounts', () => {
  it('puts a value equal to an edge in the bin that edge closes: (−∞, e₁], (e₁, e₂], …, (e_m, ∞)', () => {
    const edges = [1, 2, 3];
    expect(histogramCounts([1], edges)).toEqual([1, 0, 0, 0]);
    expect(histogramCounts([2], edges)).toEqual([0, 1, 0, 0]);
    expect(histogramCounts([3], edges)).toEqual([0, 0, 1, 0]);
    expect(histogramCounts([3.0000001], edges)).toEqual([0, 0, 0, 1]);
    const values = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, -Infinity, Infinity];
    expect(histogramCounts(values, edges)).toEqual([3, 2, 2, 2]);
  });

  it('puts every value in one bin when there are no edges, and counts nothing for no values', () => {
    expect(histogramCounts([5, -5, 0], [])).toEqual([3]);
    expect(histogramCounts([], [1, 2])).toEqual([0, 0, 0]);
  });
});
