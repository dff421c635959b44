import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidDatasetError, InvalidOptionsError } from '../shared/automl/errors.js';
import { modelFromJSON } from '../shared/automl/candidates/gradientBoosting/index.js';
import { createPredictor } from '../shared/automl/pipeline/predictor.js';
import { artifactFiles } from '../shared/automl/training/artifactFiles.js';
import { LeaderboardSchema, TrainingMetricsSchema } from '../shared/automl/training/reports.js';
import { parseTrainOptionsText } from '../shared/automl/training/prepareDataset.js';
import { trainModel, type TrainingEnvironment } from '../shared/automl/training/trainModel.js';
import { takeTableRows } from '../shared/automl/data/table.js';
import { syntheticBinaryCsv, syntheticMulticlassCsv, relabeledCsv } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

const table = parseCsv(syntheticBinaryCsv(400));
const gbm = { candidates: ['gradient_boosting' as const], cv_folds: 3, seed: 5 };

/** A clock that moves `stepMs` forward every time it is read: a run's "duration" counts its readings. */
function steppingEnvironment(stepMs: number): TrainingEnvironment {
  let time = 0;
  return { clock: { now: () => new Date(0), monotonicMs: () => (time += stepMs) }, libraryVersions: { node: 'test' } };
}

describe('the shipped model: refitted on all labeled rows (refit), or the train-split model (--no-refit)', () => {
  const refit = trainModel(table, gbm, testTrainingEnvironment());
  const kept = trainModel(table, { ...gbm, refit: false }, testTrainingEnvironment());

  it('says in metrics.json which model it holds and which one the test figures describe', () => {
    TrainingMetricsSchema.parse(refit.metrics);
    expect(refit.metrics.shipped_model).toMatchObject({ fit_on: 'all_labeled_rows', rows: 400, test_figures_describe: 'train_split_model' });
    expect(kept.metrics.shipped_model).toMatchObject({ fit_on: 'train_split', rows: 320, test_figures_describe: 'train_split_model' });
    // The evaluation is the same procedure either way: same leaderboard, same test figures.
    expect(refit.leaderboard).toEqual(kept.leaderboard);
    expect(refit.metrics.test).toEqual(kept.metrics.test);
  });

  it('the train-split model reproduces the test figures; the refit keeps its iteration count and differs', () => {
    const keptModel = modelFromJSON(kept.pipeline.model);
    const refitModel = modelFromJSON(refit.pipeline.model);
    const evaluatedIterations = keptModel.nIterations;
    expect(refit.pipeline.params).toMatchObject({ earlyStopping: false, maxIterations: evaluatedIterations });
    expect(refitModel.nIterations).toBe(evaluatedIterations);
    const all = createPredictor(refit.pipeline).predictTable(table).values;
    const split = createPredictor(kept.pipeline).predictTable(table).values;
    expect(all).not.toEqual(split);
  });

  it('decides early stopping once, from the train split, so every fold runs the procedure that ships', () => {
    for (const entry of refit.leaderboard) expect(entry.params.earlyStopping).toBe(true);
    const small = trainModel(takeTableRows(table, Int32Array.from({ length: 110 }, (_, i) => i)), gbm, testTrainingEnvironment());
    // 88 training rows < 100: off in the folds too (their 58 rows would have said off anyway, 88 decides).
    for (const entry of small.leaderboard) expect(entry.params.earlyStopping).toBe(false);
    expect(small.metrics.shipped_model?.params.earlyStopping).toBe(false);
  });
});

describe('--params overrides a candidate\'s parameters, checked by its own schema', () => {
  it('applies them to every parameter set, keeping equal sets once', () => {
    const params = { gradient_boosting: { maxIterations: 40, maxLeaves: 31, earlyStopping: false } };
    const result = trainModel(table, { ...gbm, params }, testTrainingEnvironment());
    expect(result.leaderboard).toHaveLength(1);
    expect(result.leaderboard[0].params).toMatchObject(params.gradient_boosting);
    expect(modelFromJSON(result.pipeline.model).nIterations).toBe(40);
  });

  it('refuses an unknown key, a bad value, or a candidate not in the run, naming it', () => {
    expect(() => trainModel(table, { ...gbm, params: { gradient_boosting: { maxLeafs: 31 } } }, testTrainingEnvironment())).toThrow(
      /invalid --params for gradient_boosting: .*maxLeafs/,
    );
    expect(() => trainModel(table, { ...gbm, params: { gradient_boosting: { maxLeaves: 1 } } }, testTrainingEnvironment())).toThrow(
      InvalidOptionsError,
    );
    expect(() => trainModel(table, { ...gbm, params: { linear: { C: 2 } } }, testTrainingEnvironment())).toThrow(/not among the candidates/);
    expect(() => parseTrainOptionsText({ params: '{not json' })).toThrow(/params: not JSON/);
  });
});

describe('--time-budget skips the candidates that no longer fit, and the leaderboard says why', () => {
  it('keeps the first candidate, projects the others from their first fold, and lists the skipped ones', () => {
    // Every clock reading moves 1 s: a fold "takes" a few seconds, so a 12 s budget holds the first candidate only.
    const options = { candidates: ['linear' as const, 'gradient_boosting' as const, 'decision_tree' as const], cv_folds: 3, seed: 5, time_budget: 12 };
    const result = trainModel(table, options, steppingEnvironment(1000));
    expect(result.leaderboard.map((e) => e.candidate)).toEqual(['linear']);
    expect(result.skipped.map((s) => s.candidate)).toEqual(['gradient_boosting', 'decision_tree']);
    for (const s of result.skipped) expect(s.skipped).toMatch(/time budget/);
    const written = LeaderboardSchema.parse(JSON.parse(artifactFiles(result)['leaderboard.json']));
    expect(written.map((e) => e.candidate)).toEqual(['linear', 'gradient_boosting', 'decision_tree']);
    expect(written[1]).toEqual(result.skipped[0]);
    expect(result.info.time_budget).toBe(12);
  });

  it('with room enough, every candidate runs', () => {
    const options = { candidates: ['linear' as const, 'decision_tree' as const], cv_folds: 3, seed: 5, time_budget: 10_000 };
    const result = trainModel(table, options, steppingEnvironment(1000));
    expect(result.skipped).toEqual([]);
    expect(result.leaderboard).toHaveLength(2);
  });
});

describe('--positive-class and --min-class-rows', () => {
  it('makes the named class the positive one: its probability is reported', () => {
    const yes = trainModel(table, { ...gbm, refit: false }, testTrainingEnvironment());
    const no = trainModel(table, { ...gbm, refit: false, positive_class: 'no' }, testTrainingEnvironment());
    expect(yes.schema.target).toMatchObject({ classes: ['no', 'yes'], positive_class: 'yes' });
    expect(no.schema.target).toMatchObject({ classes: ['yes', 'no'], positive_class: 'no' });
    const pYes = createPredictor(yes.pipeline).predictTable(table).values;
    const pNo = createPredictor(no.pipeline).predictTable(table).values;
    let agree = 0;
    for (let i = 0; i < pYes.length; i++) if (pYes[i] > 0.5 === pNo[i] < 0.5) agree++;
    // Not the same split (strata come in class order), so not the same model: nearly always the same call.
    expect(agree / pYes.length).toBeGreaterThan(0.9);
    expect(no.metrics.test.roc_auc).toBeCloseTo(yes.metrics.test.roc_auc, 1);
  });

  it('refuses a class that is not one, or a non-binary target, listing the classes', () => {
    expect(() => trainModel(table, { ...gbm, positive_class: 'maybe' }, testTrainingEnvironment())).toThrow(/'maybe' is not a class of 'label': the classes are 'no', 'yes'/);
    const multi = parseCsv(syntheticMulticlassCsv(120));
    expect(() => trainModel(multi, { ...gbm, positive_class: 'a' }, testTrainingEnvironment())).toThrow(/applies to binary targets; 'kind' has 3 classes/);
  });

  it('names a class too rare for the folds with its count; --min-class-rows drops its rows with a warning', () => {
    const rare = parseCsv(relabeledCsv(syntheticMulticlassCsv(150), (fields, row) => (row < 3 ? 'rare' : fields[2])));
    expect(() => trainModel(rare, gbm, testTrainingEnvironment())).toThrow(InvalidDatasetError);
    expect(() => trainModel(rare, gbm, testTrainingEnvironment())).toThrow(/class 'rare' has 3 row\(s\)/);
    const events: string[] = [];
    const result = trainModel(rare, { ...gbm, min_class_rows: 5 }, testTrainingEnvironment((e) => e.type === 'warning' && events.push(e.message)));
    expect(result.schema.target.classes).toEqual(['a', 'b', 'c']);
    expect(result.info.warnings).toEqual(["dropped the 3 row(s) of class 'rare': fewer than min_class_rows = 5"]);
    expect(events).toEqual(result.info.warnings);
    expect(result.info.rows_used_for_training).toBe(147);
  });
});
