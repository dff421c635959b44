import { describe, it, expect } from 'vitest';
import { fitGradientBoosting } from '../shared/automl/candidates/gradientBoosting/index.js';
import { TreeGrower } from '../shared/automl/candidates/gradientBoosting/grower.js';
import { MASKED_BATCH_MIN_ROWS } from '../shared/automl/candidates/gradientBoosting/ensemble.js';
import { createGrowthBackend } from '../shared/automl/candidates/gradientBoosting/growthBackend.js';
import { buildHistogram, histogramLayout, packCodes } from '../shared/automl/candidates/gradientBoosting/histogram.js';
import { lossFor } from '../shared/automl/candidates/gradientBoosting/loss.js';
import { DEFAULT_GRADIENT_BOOSTING_PARAMS } from '../shared/automl/candidates/gradientBoosting/params.js';
import type { BinnedMatrix } from '../shared/automl/matrix.js';
import { createRandom } from '../shared/automl/util/random.js';

// Binned features of every kind: plain, with a missing bin (the last code), categorical, and one
// wide enough that 9 slots need a second packed group; 1-bin features get no slot.
const N_BINS = [32, 9, 6, 1, 200, 4, 17, 2, 64, 12];
const MISSING = [-1, 8, -1, -1, 199, -1, -1, -1, -1, 11];
const CATEGORICAL = [false, false, true, false, false, true, false, false, false, false];

function dataset(rows: number, seed: number): { X: BinnedMatrix; y: Float64Array } {
  const random = createRandom(seed);
  const codes = N_BINS.map((nb) => Uint8Array.from({ length: rows }, () => Math.floor(random() * nb)));
  const y = Float64Array.from({ length: rows }, (_, i) => {
    const signal = codes[0][i] / 10 - (codes[2][i] === 3 ? 1.5 : 0) + (codes[1][i] === 8 ? 1 : 0) + codes[4][i] / 100 - 2.2;
    return signal + random() - 0.5 > 0 ? 1 : 0;
  });
  return { X: { rows, cols: N_BINS.length, codes, nBins: N_BINS, missingBin: MISSING, categorical: CATEGORICAL }, y };
}

describe('growth backends (WebAssembly kernels and the JavaScript loops)', () => {
  it('build bit-identical histograms of every row and of a scattered subset', () => {
    const { X } = dataset(3000, 1);
    const layout = histogramLayout(X.nBins, X.missingBin, X.categorical);
    const random = createRandom(2);
    const grad = Float64Array.from({ length: X.rows }, () => random() - 0.5);
    const hess = Float64Array.from({ length: X.rows }, () => random() * 0.25);
    const wasm = createGrowthBackend(layout, X.codes, X.rows, 2);
    expect(wasm.kind).toBe('wasm');
    wasm.setGradients(grad, hess);
    const packed = packCodes(layout, X.codes, X.rows);
    const all = Int32Array.from({ length: X.rows }, (_, i) => i);
    const expected = new Float64Array(wasm.hists[0].length);
    wasm.buildAll(0);
    buildHistogram(expected, packed, all, 0, X.rows, grad, hess);
    expect(Array.from(wasm.hists[0])).toEqual(Array.from(expected));
    const subset = all.filter((r) => X.codes[0][r] % 3 === 1);
    wasm.indices.set(subset);
    wasm.build(1, 0, subset.length);
    buildHistogram(expected, packed, subset, 0, subset.length, grad, hess);
    expect(Array.from(wasm.hists[1])).toEqual(Array.from(expected));
  });

  it('grow identical trees and training scores, for every kind of split', () => {
    const { X, y } = dataset(4000, 3);
    const layout = histogramLayout(X.nBins, X.missingBin, X.categorical);
    const rules = { ...DEFAULT_GRADIENT_BOOSTING_PARAMS, maxLeaves: 31 };
    const growers = (['wasm', 'js'] as const).map((kind) => new TreeGrower(X.codes, X.rows, layout, rules, X.missingBin, 1, kind));
    const states = growers.map(() => lossFor('binary', 2).createState(Float64Array.of(-0.3), X.rows));
    for (let iteration = 0; iteration < 5; iteration++) {
      const trees = growers.map((grower, g) => {
        // The growers' own buffers (WebAssembly memory for the first), as the booster fills them.
        const { grad, hess } = grower.gradients;
        states[g].gradients(y, grad, hess);
        const tree = grower.grow(grad, hess);
        grower.addToScores(states[g], 0);
        return tree;
      });
      expect(trees[0]).not.toBeNull();
      expect(trees[0]).toEqual(trees[1]);
      expect(Array.from(states[0].scores)).toEqual(Array.from(states[1].scores));
    }
    const kinds = new Set(growers.map((g) => (g as unknown as { backend: { kind: string } }).backend.kind));
    expect(kinds).toEqual(new Set(['wasm', 'js']));
  });

  it('predict in batch exactly as one row at a time: 3 classes, every feature used, odd row counts across row blocks', () => {
    // ≥ MASKED_BATCH_MIN_ROWS rows go through the leaf masks (WebAssembly), fewer walk the trees.
    const { X } = dataset(MASKED_BATCH_MIN_ROWS + 905, 6);
    const y = Float64Array.from({ length: X.rows }, (_, r) => (X.codes[0][r] + X.codes[4][r] + X.codes[8][r] + X.codes[6][r]) % 3);
    const model = fitGradientBoosting({ X, y, task: 'multiclass', nClasses: 3 }, { maxIterations: 20, maxLeaves: 15, earlyStopping: false }, { seed: 7 });
    for (const rows of [X.rows, MASKED_BATCH_MIN_ROWS + 257, MASKED_BATCH_MIN_ROWS, MASKED_BATCH_MIN_ROWS - 1, 1]) {
      const part: BinnedMatrix = { ...X, rows, codes: X.codes.map((c) => c.subarray(0, rows)) };
      const batch = model.predict(part);
      const out = new Float64Array(3);
      const row = new Uint8Array(X.cols);
      for (let r = 0; r < rows; r += 7) {
        for (let f = 0; f < X.cols; f++) row[f] = X.codes[f][r];
        model.predictRow(row, out);
        expect(Array.from(batch.subarray(3 * r, 3 * r + 3))).toEqual(Array.from(out));
      }
    }
    // The same bits from the JavaScript passes (the runtime without WebAssembly).
    const scorer = (model as unknown as { ensemble: { masked: { layout: { members: unknown[] }; wasm: unknown } } }).ensemble.masked;
    expect(scorer.layout.members.length).toBeGreaterThan(4);
    const viaWasm = model.predict(X);
    expect(scorer.wasm).toBeTruthy();
    scorer.wasm = false;
    expect(Array.from(model.predict(X))).toEqual(Array.from(viaWasm));
  });

  it('predict in batch (leaf masks in WebAssembly) exactly as one row at a time', () => {
    const { X, y } = dataset(MASKED_BATCH_MIN_ROWS + 500, 4);
    for (const maxLeaves of [7, 31]) {
      const model = fitGradientBoosting({ X, y, task: 'binary', nClasses: 2 }, { maxIterations: 25, maxLeaves, earlyStopping: false }, { seed: 5 });
      const batch = model.predict(X);
      const out = new Float64Array(1);
      const row = new Uint8Array(X.cols);
      for (let r = 0; r < X.rows; r += 7) {
        for (let f = 0; f < X.cols; f++) row[f] = X.codes[f][r];
        model.predictRow(row, out);
        expect(batch[r]).toBe(out[0]);
      }
    }
  });
});
