import { describe, expect, it } from 'vitest';
import type { Frame, FrameColumn } from '../shared/automl/data/frame.js';
import { InvalidInputError, InvalidOptionsError } from '../shared/automl/errors.js';
import { createRandom, type Random } from '../shared/automl/util/random.js';
import { InvalidDriftOptionsError } from '../shared/drift/errors.js';
import { fitFrequencies, frequencyOf } from '../shared/automl/statistics/multivariate/countEncoding.js';
import { fitMultivariateReference } from '../shared/automl/statistics/multivariate/fitMultivariateReference.js';
import { meanImputation, mostFrequentImputation } from '../shared/automl/statistics/multivariate/imputation.js';
import { multivariateDrift } from '../shared/drift/multivariate/multivariateDrift.js';
import { MultivariateReferenceSchema } from '../shared/automl/statistics/multivariate/multivariateReference.js';
import { MultivariateDriftSchema } from '../shared/drift/multivariate/multivariateResult.js';
import { fitPca, keptComponents } from '../shared/automl/statistics/multivariate/pcaFit.js';
import { meanAndStd, rowReconstructionErrors } from '../shared/automl/statistics/multivariate/reconstructionError.js';
import { outsideBand, reconstructionThreshold, referenceChunkErrors } from '../shared/drift/multivariate/reconstructionThreshold.js';
import { fitScaling } from '../shared/automl/statistics/multivariate/standardScaling.js';
import { windowFrame } from '../shared/drift/multivariate/windowFrame.js';

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const numeric = (values: ArrayLike<number>): FrameColumn => ({ kind: 'numeric', values: Float64Array.from(values) });
const categorical = (values: (string | null)[]): FrameColumn => ({ kind: 'categorical', values });
const frameOf = (...columns: FrameColumn[]): Frame => ({ nRows: columns[0].values.length, columns });
const names = (...list: string[]) => list.map((name) => ({ name }));

/** x, y correlated (ρ = `rho`), z independent, a category drawn from the sign of x; `n` rows. */
function correlated(n: number, seed: number, rho = 0.8): Frame {
  const random = createRandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const c: string[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = normal(random);
    y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * normal(random);
    z[i] = 10 + 2 * normal(random);
    c.push(random() < (x[i] > 0 ? 0.7 : 0.3) ? 'a' : random() < 0.5 ? 'b' : 'c');
  }
  return frameOf(numeric(x), numeric(y), numeric(z), categorical(c));
}
const FEATURES = names('x', 'y', 'z', 'c');

describe('the fitted transforms (NannyML: SimpleImputer, CountEncoder, StandardScaler)', () => {
  it('imputes the mean of the finite values, and the most frequent category (ties to the smallest)', () => {
    expect(meanImputation([1, Number.NaN, 3, Number.POSITIVE_INFINITY, 5])).toBe(3);
    expect(meanImputation([Number.NaN])).toBe(0);
    expect(mostFrequentImputation(['b', 'a', null, 'b', 'a', 'c'])).toBe('a');
    expect(mostFrequentImputation(['z', null, 'z', 'y'])).toBe('z');
    expect(mostFrequentImputation([null, null])).toBeNull();
  });

  it('count-encodes a category as its share of the imputed reference rows; unseen is 0', () => {
    const values = ['b', null, 'a', 'b', '__proto__'];
    const frequencies = fitFrequencies(values, 'b');
    expect(frequencies).toEqual({ b: 3 / 5, a: 1 / 5, ['__proto__']: 1 / 5 });
    expect(Object.keys(frequencies)[0]).toBe('b');
    expect(frequencyOf(frequencies, null, 'b')).toBe(3 / 5);
    expect(frequencyOf(frequencies, '__proto__', 'b')).toBe(1 / 5);
    expect(frequencyOf(frequencies, 'never seen', 'b')).toBe(0);
    expect(frequencyOf(frequencies, 'constructor', 'b')).toBe(0);
  });

  it('scales by the population standard deviation, and a constant column by 1', () => {
    const scaling = fitScaling([1, 2, 3, 4]);
    expect(scaling.mean).toBe(2.5);
    expect(scaling.scale).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(fitScaling([0.1, 0.1, 0.1])).toEqual({ mean: expect.closeTo(0.1, 15), scale: 1 });
  });
});

describe('PCA keeping 65% of the variance', () => {
  it('reconstructs exactly the rows of the subspace the reference lies in, and measures the distance of the others', () => {
    // a, b independent; c = a + b and d = a − b: rank 2, each of the 2 components half the variance.
    const random = createRandom(3);
    const rows = 400;
    const a = Array.from({ length: rows }, () => normal(random));
    const b = Array.from({ length: rows }, () => normal(random));
    const frame = frameOf(numeric(a), numeric(b), numeric(a.map((v, i) => v + b[i])), numeric(a.map((v, i) => v - b[i])));
    const reference = fitMultivariateReference(frame, { features: names('a', 'b', 'c', 'd'), seed: 1 });
    expect(reference.pca.components).toHaveLength(2);
    expect(reference.pca.explained_variance_ratio[0] + reference.pca.explained_variance_ratio[1]).toBeCloseTo(1, 12);
    expect(reference.errors.mean).toBeLessThan(1e-12);
    const inside = frameOf(numeric([0.5, -1]), numeric([2, 0.25]), numeric([2.5, -0.75]), numeric([-1.5, -1.25]));
    expect(multivariateDrift(reference, inside).reconstruction_error).toBeLessThan(1e-12);
    // Off the subspace: c raised by δ. In the scaled space the offset is δ / scale_c along c; its
    // distance from the subspace is the norm of that offset minus its projection on the components.
    const delta = 3;
    const off = frameOf(numeric([0.5]), numeric([2]), numeric([2.5 + delta]), numeric([-1.5]));
    const e = [0, 0, delta / reference.columns[2].scale, 0];
    const projected = reference.pca.components.map((w) => w.reduce((s, wj, j) => s + wj * e[j], 0));
    const residual = e.map((ej, j) => ej - reference.pca.components.reduce((s, w, c) => s + projected[c] * w[j], 0));
    const expected = Math.hypot(...residual);
    expect(expected).toBeGreaterThan(0.5);
    expect(multivariateDrift(reference, off).reconstruction_error).toBeCloseTo(expected, 10);
  });

  it('keeps the fewest components whose cumulative share exceeds 65%; orthonormal, largest loading positive', () => {
    expect(keptComponents([0.65, 0.2, 0.15], 0.65)).toBe(2);
    expect(keptComponents([0.66, 0.2, 0.14], 0.65)).toBe(1);
    expect(keptComponents([0.3, 0.3, 0.2, 0.2], 0.65)).toBe(3);
    const reference = fitMultivariateReference(correlated(1_000, 5), { features: FEATURES, seed: 2 });
    const { components, explained_variance_ratio: ratio } = reference.pca;
    const k = components.length;
    const kept = ratio.slice(0, k).reduce((s, r) => s + r, 0);
    expect(kept).toBeGreaterThan(0.65);
    expect(kept - ratio[k - 1]).toBeLessThanOrEqual(0.65);
    for (let i = 1; i < ratio.length; i++) expect(ratio[i]).toBeLessThanOrEqual(ratio[i - 1]);
    components.forEach((w, i) => {
      components.forEach((v, j) => expect(w.reduce((s, wi, t) => s + wi * v[t], 0)).toBeCloseTo(i === j ? 1 : 0, 12));
      const largest = w.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0);
      expect(largest).toBeGreaterThan(0);
    });
  });

  it('is the same JSON for the same rows and seed, and the same components for the rows in another order', () => {
    const frame = correlated(600, 9);
    const first = JSON.stringify(fitMultivariateReference(frame, { features: FEATURES, seed: 4 }));
    expect(JSON.stringify(fitMultivariateReference(frame, { features: FEATURES, seed: 4 }))).toBe(first);
    const reversedRows = {
      nRows: frame.nRows,
      columns: frame.columns.map((c): FrameColumn => (c.kind === 'numeric' ? numeric(Float64Array.from(c.values).reverse()) : categorical([...c.values].reverse()))),
    };
    const a = JSON.parse(first).pca.components as number[][];
    const b = fitMultivariateReference(reversedRows, { features: FEATURES, seed: 4 }).pca.components;
    a.forEach((w, i) => w.forEach((v, j) => expect(b[i][j]).toBeCloseTo(v, 10)));
  });

  it('fitPca and the row errors agree with the definition on a small matrix', () => {
    const matrix = Float64Array.from([1, 2, 2, 4.1, 3, 5.9, 4, 8.2]);
    const pca = fitPca(matrix, 4, 2, 0.65);
    expect(pca.components).toHaveLength(1);
    const errors = rowReconstructionErrors(matrix, 4, pca);
    const [w0, w1] = pca.components[0];
    errors.forEach((e, r) => {
      const cx = matrix[2 * r] - pca.mean[0];
      const cy = matrix[2 * r + 1] - pca.mean[1];
      expect(e).toBeCloseTo(Math.abs(-w1 * cx + w0 * cy), 12); // the distance to the line through the mean
    });
  });
});

describe('the threshold (NannyML: reference chunks, mean ± 3σ)', () => {
  it('is mean ± 3σ√(1/m + 1/n), without a lower bound at or below 0; drift outside the open band', () => {
    const band = reconstructionThreshold({ rows: 900, mean: 1, std: 0.5 }, 3, 100);
    expect(band.upper).toBeCloseTo(1 + 1.5 * Math.sqrt(1 / 100 + 1 / 900), 14);
    expect(band.lower).toBeCloseTo(1 - 1.5 * Math.sqrt(1 / 100 + 1 / 900), 14);
    expect(reconstructionThreshold({ rows: 900, mean: 1, std: 0.5 }, 3, 1).lower).toBeNull();
    expect(outsideBand(band.upper, band)).toBe(true);
    expect(outsideBand(1, band)).toBe(false);
    expect(outsideBand(0, { lower: null, upper: 2 })).toBe(false);
    expect(() => reconstructionThreshold({ rows: 900, mean: 1, std: 0.5 }, 3, 0)).toThrow(InvalidInputError);
  });

  it('matches the spread of the stored sample chunked at the window size, as NannyML chunks its reference', () => {
    const reference = fitMultivariateReference(correlated(6_000, 21), { features: FEATURES, seed: 8 });
    expect(reference.errors.sample).toHaveLength(5_000);
    const m = 50;
    const chunks = referenceChunkErrors(reference.errors.sample, m);
    expect(chunks).toHaveLength(100);
    const spread = meanAndStd(chunks, 0);
    expect(spread.mean).toBeCloseTo(reference.errors.mean, 1);
    // The std of 100 chunk means estimates σ/√m within about ±7% (one standard error); allow 25%.
    expect(spread.std / (reference.errors.std / Math.sqrt(m))).toBeGreaterThan(0.75);
    expect(spread.std / (reference.errors.std / Math.sqrt(m))).toBeLessThan(1.25);
    expect(referenceChunkErrors(reference.errors.sample, 5_001)).toEqual([]);
  });
});

describe('multivariateDrift', () => {
  const reference = fitMultivariateReference(correlated(3_000, 1), { features: FEATURES, seed: 7 });

  it('stores a JSON reference its schema reads back unchanged, and a result of its schema', () => {
    const json = JSON.parse(JSON.stringify(reference));
    expect(MultivariateReferenceSchema.parse(json)).toEqual(reference);
    const result = multivariateDrift(reference, correlated(500, 2));
    expect(MultivariateDriftSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ status: 'checked', rows: 500, features: 4, components: reference.pca.components.length });
  });

  it('keeps a window drawn like the reference, and flags one whose correlation reversed with the marginals unchanged', () => {
    for (const seed of [2, 3, 4, 5]) expect(multivariateDrift(reference, correlated(1_000, seed)).drift).toBe(false);
    const reversed = correlated(1_000, 6, -0.8);
    const result = multivariateDrift(reference, reversed);
    expect(result.drift).toBe(true);
    expect(result.reconstruction_error).toBeGreaterThan(result.threshold.upper);
  });

  it('imputes missing cells, encodes an unseen category as 0, and flags a constant column that changed', () => {
    const window = correlated(1_000, 11);
    const withMissing = frameOf(
      numeric(Array.from(window.columns[0].values as Float64Array, (v, i) => (i % 10 === 0 ? Number.NaN : v))),
      window.columns[1],
      window.columns[2],
      categorical((window.columns[3].values as (string | null)[]).map((v, i) => (i % 7 === 0 ? null : v))),
    );
    expect(Number.isFinite(multivariateDrift(reference, withMissing).reconstruction_error)).toBe(true);
    const unseen = frameOf(window.columns[0], window.columns[1], window.columns[2], categorical(new Array<string>(1_000).fill('new')));
    expect(multivariateDrift(reference, unseen).drift).toBe(true);

    const base = correlated(2_000, 12);
    const withConstant = (frame: Frame, value: number) => frameOf(...frame.columns, numeric(new Float64Array(frame.nRows).fill(value)));
    const constantRef = fitMultivariateReference(withConstant(base, 4), { features: [...FEATURES, { name: 'k' }], seed: 1 });
    expect(constantRef.columns[4].scale).toBe(1);
    expect(multivariateDrift(constantRef, withConstant(correlated(500, 13), 4)).drift).toBe(false);
    expect(multivariateDrift(constantRef, withConstant(correlated(500, 13), 5)).drift).toBe(true);
  });

  it('never flags a single numeric column (every component kept: no residual)', () => {
    const random = createRandom(4);
    const one = fitMultivariateReference(frameOf(numeric(Array.from({ length: 300 }, () => normal(random)))), { features: names('x'), seed: 1 });
    const result = multivariateDrift(one, frameOf(numeric(Array.from({ length: 200 }, () => 50 + normal(random)))));
    expect(result).toMatchObject({ status: 'no_residual', drift: false, components: 1, features: 1 });
    expect(result.reconstruction_error).toBeLessThan(1e-12);
  });

  it('refuses an empty window, a column of another kind, a missing column and bad options with typed errors', () => {
    const empty = frameOf(numeric([]), numeric([]), numeric([]), categorical([]));
    expect(() => multivariateDrift(reference, empty)).toThrow(InvalidInputError);
    const swapped = frameOf(categorical(['a']), numeric([1]), numeric([1]), categorical(['a']));
    expect(() => multivariateDrift(reference, swapped)).toThrow(InvalidInputError);
    expect(() => windowFrame(reference, { x: numeric([1]), y: numeric([1]), z: numeric([1]) })).toThrow(InvalidDriftOptionsError);
    expect(() => fitMultivariateReference(correlated(10, 1), { features: FEATURES, seed: 1, variance_share: 1 })).toThrow(InvalidOptionsError);
    expect(() => fitMultivariateReference(frameOf(numeric([1])), { features: names('x'), seed: 1 })).toThrow(InvalidInputError);
    expect(() => fitMultivariateReference(correlated(10, 1), { features: names('x'), seed: 1 })).toThrow(InvalidInputError);
  });

  it('reads a window by column name in the reference order', () => {
    const window = correlated(300, 14);
    const byName = { c: window.columns[3], z: window.columns[2], y: window.columns[1], x: window.columns[0] };
    expect(multivariateDrift(reference, windowFrame(reference, byName))).toEqual(multivariateDrift(reference, window));
  });
});
