import { afterEach, describe, expect, it, vi } from 'vitest';
import { GradientBoostingModel, gradientBoostingCandidate } from '../shared/automl/candidates/gradientBoosting/index.js';
import { linearCandidate } from '../shared/automl/candidates/linear/index.js';
import { frameFromTable, sliceFrameRows } from '../shared/automl/data/frame.js';
import type { Table } from '../shared/automl/data/table.js';
import type { Pipeline } from '../shared/automl/pipeline/pipeline.js';
import { createPredictor, PREDICT_CHUNK_ROWS } from '../shared/automl/pipeline/predictor.js';
import { createRowPredictor, type FeatureRecord } from '../shared/automl/pipeline/rowPredictor.js';
import { encodeBinned } from '../shared/automl/preprocess/encodeBinned.js';
import { encodeDense } from '../shared/automl/preprocess/encodeDense.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import type { Preprocessor } from '../shared/automl/preprocess/preprocessor.js';
import type { FeatureSpec } from '../shared/automl/schema/datasetSchema.js';

const features: FeatureSpec[] = [
  { name: 'x', type: 'numeric', missing: 1 },
  { name: 'rating', type: 'categorical', missing: 1, categories: ['3', '1', '5', '2', '4'] },
  { name: 'city', type: 'categorical', missing: 1, categories: Array.from({ length: 40 }, (_, i) => `city${i}`) },
  { name: 'filled', type: 'binary', missing: 1, categories: ['yes'] },
];
const names = features.map((f) => f.name);

/** Seeded training rows; the target depends on every feature, missing values included. */
function trainingTable(n: number): { table: Table; y: Float64Array } {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cells: string[][] = names.map(() => []);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const x = next() < 0.15 ? '' : (next() * 10).toFixed(2);
    const rating = next() < 0.1 ? '' : String(1 + Math.floor(next() * 5));
    const city = next() < 0.1 ? 'NA' : `city${Math.floor(next() ** 2 * 40)}`;
    const filled = next() < 0.3 ? '' : 'yes';
    [x, rating, city, filled].forEach((v, c) => cells[c].push(v));
    const score = (x === '' ? 6 : Number(x)) + (rating === '' ? 3 : Number(rating)) + (city.endsWith('1') ? 3 : 0) + (filled ? 0 : 2);
    y[r] = score + next() * 3 > 11 ? 1 : 0;
  }
  return { table: { columns: names, cells, nRows: n }, y };
}

/** Probe records: missing (null, empty, absent), unseen categories, numeric categories as text and numbers. */
const probes: FeatureRecord[] = [
  { x: 3.5, rating: '3', city: 'city1', filled: 'yes' },
  { x: null, rating: null, city: null, filled: null },
  { x: '', rating: '', city: '', filled: '' },
  { rating: 7, city: 'Atlantis' },
  { x: '12', rating: '2.0', city: 'city39', filled: 'yes' },
  { x: -4, rating: 0, city: 'city0', filled: 'unseen' },
  { x: 5, rating: '4.5', city: 'NA', filled: 'yes' },
];
const probeTable: Table = {
  columns: names,
  cells: names.map((name) => probes.map((p) => (p[name] === undefined || p[name] === null ? '' : String(p[name])))),
  nRows: probes.length,
};

function pipelineOf(preprocessor: Preprocessor, candidate: 'gradient_boosting' | 'linear', table: Table, y: Float64Array): Pipeline {
  const frame = frameFromTable(table, features);
  const train = { y, task: 'binary' as const, nClasses: 2 };
  const model =
    candidate === 'linear'
      ? linearCandidate.fit({ ...train, X: encodeDense(preprocessor, frame) }, { kind: 'logistic', C: 1 }, { seed: 1 })
      : gradientBoostingCandidate.fit({ ...train, X: encodeBinned(preprocessor, frame) }, gradientBoostingCandidate.paramSets('binary')[0], { seed: 1 });
  return {
    target: { name: 'y', rule: 'option', task: 'binary', classes: ['0', '1'], positive_class: '1' },
    features,
    preprocessor,
    candidate,
    params: {},
    model: model.toJSON(),
  };
}

/** The fitted preprocessor without the new optional fields, as older artifacts have it. */
function legacyOf(preprocessor: Preprocessor): Preprocessor {
  const drop = new Set(['missing_indicator', 'missing_level', 'one_hot_top', 'tree_codes']);
  return { features: preprocessor.features.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !drop.has(k))) as typeof e) };
}

describe('the single-record path agrees with the batch path', () => {
  const { table, y } = trainingTable(400);
  const preprocessor = fitPreprocessor(frameFromTable(table, features), features);
  const probeFrame = frameFromTable(probeTable, features);
  afterEach(() => vi.restoreAllMocks());

  it('fits missing levels and ordered numeric categories on these rows', () => {
    expect(preprocessor.features.map((e) => (e.kind === 'numeric' ? e.missing_indicator : e.missing_level))).toEqual([true, true, true, true]);
    expect(preprocessor.features[1]).toMatchObject({ tree_codes: 'ascending' });
    expect(preprocessor.features[2]).toMatchObject({ tree_codes: 'frequency' });
  });

  for (const [label, prep] of [
    ['current', preprocessor],
    ['legacy', legacyOf(preprocessor)],
  ] as const) {
    it(`gives the trees the codes of encodeBinned, record by record (${label} preprocessor)`, () => {
      const pipeline = pipelineOf(prep, 'gradient_boosting', table, y);
      const predictRow = GradientBoostingModel.prototype.predictRow;
      const seen: number[][] = [];
      vi.spyOn(GradientBoostingModel.prototype, 'predictRow').mockImplementation(function (this: GradientBoostingModel, codes, out) {
        seen.push(Array.from(codes));
        predictRow.call(this, codes, out);
      });
      const predictRecord = createRowPredictor(pipeline);
      const rowOutputs = probes.map((record) => predictRecord(record)[0]);
      const X = encodeBinned(prep, probeFrame);
      expect(seen).toEqual(probes.map((_, r) => X.codes.map((column) => column[r])));
      vi.restoreAllMocks();
      const batch = createPredictor(pipeline).predictFrame(probeFrame).values;
      rowOutputs.forEach((p, r) => expect(p).toBeCloseTo(batch[r], 12));
    });
  }

  it('predicts a linear pipeline the same way, through the one-row dense encoding', () => {
    const pipeline = pipelineOf(preprocessor, 'linear', table, y);
    const predictRecord = createRowPredictor(pipeline);
    const batch = createPredictor(pipeline).predictFrame(probeFrame).values;
    probes.forEach((record, r) => expect(predictRecord(record)[0]).toBeCloseTo(batch[r], 12));
    // Missing, unseen and numeric-category probes do not all predict alike.
    expect(new Set(Array.from(batch, (v) => v.toFixed(6))).size).toBeGreaterThan(3);
  });

  it('predicts a frame of more rows than a chunk as the same rows predicted a few at a time', () => {
    const big = trainingTable(PREDICT_CHUNK_ROWS + 1001);
    const frame = frameFromTable(big.table, features);
    for (const candidate of ['gradient_boosting', 'linear'] as const) {
      const predictor = createPredictor(pipelineOf(preprocessor, candidate, table, y));
      const whole = predictor.predictFrame(frame).values;
      const parts: number[] = [];
      for (let start = 0; start < frame.nRows; start += 700) {
        parts.push(...predictor.predictFrame(sliceFrameRows(frame, start, Math.min(frame.nRows, start + 700))).values);
      }
      expect(whole.length).toBe(frame.nRows);
      expect(Array.from(whole)).toEqual(parts);
    }
  });
});
