import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { frameFromTable } from '../shared/automl/data/frame.js';
import { ensembleSelection, weightedPredictions } from '../shared/automl/ensemble/ensembleSelection.js';
import { memberPipelines, WeightedEnsembleJsonSchema } from '../shared/automl/ensemble/weightedEnsemble.js';
import { InvalidInputError, ModelArtifactError } from '../shared/automl/errors.js';
import { rocAuc } from '../shared/automl/metrics/index.js';
import { parseModel, serializeModel } from '../shared/automl/pipeline/modelArtifact.js';
import { createPredictor } from '../shared/automl/pipeline/predictor.js';
import { createRowPredictor } from '../shared/automl/pipeline/rowPredictor.js';
import { artifactFiles } from '../shared/automl/training/artifactFiles.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { createRandom } from '../shared/automl/util/random.js';
import { readData } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

describe('ensembleSelection: Caruana greedy selection with replacement, by the primary metric', () => {
  // Two noisy views of the same signal, with independent noise: their average ranks better than either.
  const random = createRandom(3);
  const n = 2000;
  const labels = Float64Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
  const view = () => labels.map((y) => 1 / (1 + Math.exp(-(2 * y - 1 + 1.5 * (random() * 2 - 1)))));
  const a = view();
  const b = view();
  const useless = labels.map(() => random());

  it('mixes complementary models, leaves out a useless one, and scores better than each member', () => {
    const { weights, score } = ensembleSelection([a, b, useless], labels, 'binary', 2);
    expect(weights[0]).toBeGreaterThan(0.25);
    expect(weights[1]).toBeGreaterThan(0.25);
    expect(weights[2]).toBe(0);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(score).toBeGreaterThan(Math.max(rocAuc(labels, a), rocAuc(labels, b)));
    expect(score).toBeCloseTo(rocAuc(labels, weightedPredictions([a, b, useless], weights)), 12);
  });

  it('puts all weight on one model when it dominates, ties to the earlier model, and is deterministic', () => {
    // A constant adds nothing to any average's ranking: every round ties, and ties go to the earlier model.
    expect(ensembleSelection([a, new Float64Array(n).fill(0.5)], labels, 'binary', 2).weights).toEqual([1, 0]);
    expect(ensembleSelection([a, a], labels, 'binary', 2).weights).toEqual([1, 0]);
    expect(ensembleSelection([a, b], labels, 'binary', 2)).toEqual(ensembleSelection([a, b], labels, 'binary', 2));
  });

  it('minimizes RMSE for regression and log loss for multiclass', () => {
    const y = Float64Array.from({ length: 500 }, (_, i) => i / 50);
    const high = y.map((v) => v + 1);
    const low = y.map((v) => v - 1);
    expect(ensembleSelection([high, low], y, 'regression', 0).weights).toEqual([0.52, 0.48]);
    const classes = Float64Array.of(0, 1, 2, 0);
    const sure = Float64Array.of(0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.9, 0.9, 0.05, 0.05);
    const flat = new Float64Array(12).fill(1 / 3);
    expect(ensembleSelection([flat, sure], classes, 'multiclass', 3).weights).toEqual([0, 1]);
  });

  it('refuses no models or models of different lengths', () => {
    expect(() => ensembleSelection([], labels, 'binary', 2)).toThrow(InvalidInputError);
    expect(() => ensembleSelection([a, a.subarray(1)], labels, 'binary', 2)).toThrow(/different numbers/);
  });
});

describe('the weighted ensemble in a training run (AutoGluon WeightedEnsemble)', () => {
  const pima = parseCsv(readData('pima_indians_diabetes.csv'));
  const result = trainModel(pima, { max_tree_rows: 150, seed: 3 }, testTrainingEnvironment());
  const entry = result.leaderboard.find((e) => e.candidate === 'weighted_ensemble');

  it('is a leaderboard entry of its own, with its weights, ranked by the same validation mean', () => {
    expect(entry).toBeDefined();
    const weights = entry?.params.weights as Record<string, number>;
    expect(Object.keys(weights).length).toBeGreaterThanOrEqual(2);
    expect(Object.values(weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    const best = result.leaderboard[0];
    expect(result.metrics.candidate).toBe(best.candidate);
    const bestSingle = result.leaderboard.find((e) => e.candidate !== 'weighted_ensemble');
    // Shipped only when it wins: it is the choice exactly when its validation mean beats every candidate's.
    expect(result.metrics.candidate === 'weighted_ensemble').toBe((entry?.cv_mean ?? 0) > (bestSingle?.cv_mean ?? 1));
  });

  it('shipped (it wins on Pima), model.json holds its members, and every path predicts their weighted sum', () => {
    // On Pima (seed 3) the blend wins: ROC AUC 0.8397 by validation mean against linear's 0.8322.
    expect(result.metrics.candidate).toBe('weighted_ensemble');
    const pipeline = parseModel(artifactFiles(result)['model.json']);
    const members = WeightedEnsembleJsonSchema.parse(pipeline.model).members;
    expect(members.map((m) => m.candidate).sort()).toEqual(Object.keys(entry?.params.weights as object).sort());
    const frame = frameFromTable(pima, pipeline.features);
    const ensemble = createPredictor(pipeline).predictFrame(frame).values;
    const parts = memberPipelines(pipeline).map((m) => ({ values: createPredictor(m.pipeline).predictFrame(frame).values, weight: m.weight }));
    const expected = weightedPredictions(parts.map((p) => p.values), parts.map((p) => p.weight));
    for (let i = 0; i < ensemble.length; i++) expect(ensemble[i]).toBeCloseTo(expected[i], 12);
    const row = createRowPredictor(pipeline);
    const columns = pima.columns;
    for (let r = 0; r < 20; r++) {
      const record = Object.fromEntries(columns.map((c, i) => [c, pima.cells[i][r]]));
      expect(row(record)[0]).toBeCloseTo(ensemble[r], 12);
    }
  });

  it('a malformed member list is refused', () => {
    const pipeline = { ...result.pipeline, candidate: 'weighted_ensemble' as const, model: { members: [] } };
    expect(() => createPredictor(parseModel(serializeModel(pipeline)))).toThrow(ModelArtifactError);
  });
});
