import { candidateByName } from '../candidates/catalog.js';
import type { Encoding } from '../candidates/candidate.js';
import type { Table } from '../data/table.js';
import { InvalidDatasetError } from '../errors.js';
import { PreparedSplit } from '../evaluation/preparedSplit.js';
import { kFolds, trainTestSplit, type Split } from '../evaluation/splits.js';
import { PRIMARY_METRIC, compareScores, taskMetrics } from '../evaluation/taskMetrics.js';
import { bestF1Threshold } from '../metrics/index.js';
import type { Calibration } from '../calibration/calibrationSchema.js';
import { calibrationSummary, fitCalibration } from '../calibration/fitCalibration.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { DatasetSchema } from '../schema/datasetSchema.js';
import { featureStatistics, type FeatureStatistics } from '../statistics/featureStatistics.js';
import { buildDriftReference } from '../statistics/buildDriftReference.js';
import type { DriftReference } from '../statistics/driftReference.js';
import { fitMultivariateReference } from '../statistics/multivariate/fitMultivariateReference.js';
import type { MultivariateReference } from '../statistics/multivariate/multivariateReference.js';
import { permutationImportance } from '../statistics/permutationImportance.js';
import { createPredictor } from '../pipeline/predictor.js';
import { takeFrameRows } from '../data/frame.js';
import type { Clock } from '../../ports/clock.js';
import { outputsPerRow } from '../task.js';
import { evaluateCandidate, type EvaluatedCandidate } from './evaluateCandidate.js';
import { withParamOverrides } from './paramOverrides.js';
import { prepareDataset } from './prepareDataset.js';
import { selectEnsemble } from './selectEnsemble.js';
import { evaluatedPipeline, shippedPipeline, type ChosenModel } from './shippedPipeline.js';
import type { LeaderboardEntry, SkippedCandidate, TestPredictions, TrainingInfo, TrainingMetrics } from './reports.js';
import { TimeBudget } from './timeBudget.js';
import type { TrainOptionsInput } from './trainOptions.js';
import type { TrainingEvent } from './trainingEvents.js';

/** Everything a training run produces; `artifactFiles` turns it into the files to write. */
export interface TrainingResult {
  readonly schema: DatasetSchema;
  readonly featureStatistics: FeatureStatistics;
  readonly driftReference: DriftReference;
  /** Multivariate drift by data reconstruction, fitted on the same rows (`multivariate_reference.json`). */
  readonly multivariateReference: MultivariateReference;
  /** The scored candidates, best first. */
  readonly leaderboard: LeaderboardEntry[];
  /** Candidates not scored, and why; `leaderboard.json` lists them after the scored ones. */
  readonly skipped: SkippedCandidate[];
  readonly metrics: TrainingMetrics;
  readonly pipeline: Pipeline;
  readonly info: TrainingInfo;
  /** The train-split model's outputs on the test rows (`test_predictions.json`). */
  readonly testPredictions: TestPredictions;
  /** Binary tasks: the calibration map and CBPE's reference rows (`calibration.json`). */
  readonly calibration?: Calibration;
}

/** What the engine is handed instead of reading it itself: the clock, the versions to record, a progress sink. */
export interface TrainingEnvironment {
  readonly clock: Clock;
  /** Node and library versions, recorded in `training_info.json`. */
  readonly libraryVersions: Readonly<Record<string, string>>;
  readonly onEvent?: (event: TrainingEvent) => void;
}

/**
 * The AutoML use case: prepare (profile on the training rows, stratified test split), then k
 * folds of the training rows (or one validation split when cv_folds = 0); evaluate every
 * candidate on the same folds (evaluateCandidate.ts) and keep the best by validation mean.
 *
 * The test figures are those of the chosen candidate fitted on the train split. The shipped
 * model is that candidate refitted on every labeled row with the chosen parameters (`refit`,
 * the default; see refitOnAllRows.ts), or the train-split model itself with `refit: false`.
 * Binary pipelines get the threshold that maximises F1 on the out-of-fold predictions, and a
 * calibration map fitted on them when NannyML's rule says it lowers the calibration error.
 */
export function trainModel(table: Table, optionsInput: TrainOptionsInput, environment: TrainingEnvironment): TrainingResult {
  const { clock, onEvent } = environment;
  const started = clock.monotonicMs();
  const startedAt = clock.now().toISOString();
  const budget = new TimeBudget(clock, optionsInput.time_budget);
  const { options, schema, frame, y, split: outer, warnings } = prepareDataset(table, optionsInput);
  const { task, classes = [] } = schema.target;
  const nClasses = classes.length;
  for (const message of warnings) onEvent?.({ type: 'warning', message });

  const final = new PreparedSplit(frame, y, schema.features, outer);
  const { trainFrame, yTrain } = final;
  const innerSplits: Split[] =
    options.cv_folds === 0 ? [trainTestSplit(yTrain, task, 0.2, options.seed + 1)] : kFolds(yTrain, task, options.cv_folds, options.seed + 1);
  const folds = innerSplits.map((split) => new PreparedSplit(trainFrame, yTrain, schema.features, split));
  onEvent?.({ type: 'profiled', schema, trainRows: outer.train.length, testRows: outer.test.length, folds: folds.length });

  const metric = PRIMARY_METRIC[task];
  const evaluated: EvaluatedCandidate[] = [];
  const skipped: SkippedCandidate[] = [];
  const encodeSeconds = new Map<Encoding, number>();
  for (const name of options.candidates) {
    const candidate = withParamOverrides(withRowCap(candidateByName(name), options.max_tree_rows), options.params?.[name]);
    const first = evaluated.length === 0 && skipped.every((s) => s.skipped.startsWith('does not support'));
    const context = { final, folds, task, nClasses, seed: options.seed, clock, budget, first, refit: options.refit, encodeSeconds, onEvent };
    const outcome = evaluateCandidate(candidate, context);
    if ('skipped' in outcome) {
      skipped.push({ candidate: candidate.name, skipped: outcome.skipped });
      onEvent?.({ type: 'candidate_skipped', candidate: candidate.name, reason: outcome.skipped });
    } else evaluated.push(outcome.evaluated);
  }
  if (evaluated.length === 0) throw new InvalidDatasetError(`no chosen candidate supports the ${task} task`);

  evaluated.sort((a, b) => compareScores(metric, a.entry.cv_mean, b.entry.cv_mean));
  const ensemble = selectEnsemble(evaluated, { foldSizes: folds.map((f) => f.yTest.length), yTest: final.yTest, task, nClasses });
  // The ensemble ships only when it wins by the same validation mean the candidates are ranked by.
  const chosen: ChosenModel = ensemble && compareScores(metric, ensemble.entry.cv_mean, evaluated[0].entry.cv_mean) < 0 ? { ensemble } : { single: evaluated[0] };
  const picked = 'single' in chosen ? chosen.single : chosen.ensemble;
  const leaderboard = [...evaluated.map((e) => e.entry), ...(ensemble ? [ensemble.entry] : [])].sort((a, b) => compareScores(metric, a.cv_mean, b.cv_mean));
  if (ensemble) onEvent?.({ type: 'candidate_finished', entry: ensemble.entry });
  const oof = 'single' in chosen ? chosen.single.validation.outOfFold : chosen.ensemble.outOfFold;
  const threshold = task === 'binary' ? bestF1Threshold(oof.labels, oof.predictions).threshold : undefined;
  // NannyML's calibration rule on the same out-of-fold predictions (calibration/fitCalibration.ts).
  const calibration = threshold === undefined ? undefined : fitCalibration(oof, threshold, options.seed);
  const base = { target: schema.target, features: schema.features, ...(threshold === undefined ? {} : { threshold }) };
  const evaluatedModel = evaluatedPipeline(chosen, base, final.preprocessor);
  const refitData = { frame, y, features: schema.features, task, nClasses, seed: options.seed };
  const shipped = shippedPipeline(chosen, options.refit, refitData, evaluatedModel, yTrain.length);
  onEvent?.({ type: 'model_shipped', shipped: shipped.shippedModel });

  const metrics: TrainingMetrics = {
    task,
    n_classes: nClasses,
    candidate: picked.entry.candidate,
    primary_metric: metric,
    validation: { folds: folds.length, cv_mean: picked.entry.cv_mean, cv_std: picked.entry.cv_std },
    test: taskMetrics(task, final.yTest, picked.testPredictions, nClasses, threshold),
    ...(threshold === undefined ? {} : { threshold }),
    train_rows: outer.train.length,
    test_rows: outer.test.length,
    shipped_model: shipped.shippedModel,
    ...(calibration ? { calibration: calibrationSummary(calibration) } : {}),
  };
  const info: TrainingInfo = {
    rows: table.nRows,
    rows_used_for_training: y.length,
    train_rows: outer.train.length,
    test_rows: outer.test.length,
    seed: options.seed,
    cv_folds: options.cv_folds,
    test_fraction: options.test_fraction,
    candidates: options.candidates,
    started_at: startedAt,
    duration_seconds: (clock.monotonicMs() - started) / 1000,
    refit: options.refit,
    ...(options.time_budget === undefined ? {} : { time_budget: options.time_budget }),
    warnings,
    versions: { ...environment.libraryVersions },
  };
  // Importances come from the train-split model on the test rows, held out as the test metrics
  // are. The reference's prediction sample is the shipped model's own outputs on the test rows:
  // with refit they were among its training rows, but another model's outputs (the train-split
  // one's) are another set of leaf values, which a KS test on live outputs tells apart at once.
  const testFrame = takeFrameRows(frame, outer.test);
  const importances = permutationImportance(createPredictor(evaluatedModel), testFrame, final.yTest, nClasses, options.seed);
  const outputs = options.refit ? createPredictor(shipped.pipeline).predictFrame(testFrame).values : picked.testPredictions;
  // The feature reference is the rows the shipped model trained on.
  const shippedFrame = options.refit ? frame : trainFrame;
  return {
    schema,
    featureStatistics: featureStatistics(shippedFrame, schema.features),
    driftReference: buildDriftReference({
      frame: shippedFrame,
      features: schema.features,
      target: schema.target,
      outputs,
      importances,
      seed: options.seed,
    }),
    multivariateReference: fitMultivariateReference(shippedFrame, { features: schema.features, seed: options.seed }),
    leaderboard,
    skipped,
    metrics,
    pipeline: shipped.pipeline,
    info,
    testPredictions: { outputs: outputsPerRow(task, nClasses), values: Array.from(picked.testPredictions) },
    ...(calibration ? { calibration } : {}),
  };
}

/** The candidate with `max_rows` overridden in each parameter set that has one. */
function withRowCap(candidate: ReturnType<typeof candidateByName>, maxRows: number | undefined): ReturnType<typeof candidateByName> {
  if (maxRows === undefined) return candidate;
  return {
    ...candidate,
    paramSets: (task) => candidate.paramSets(task).map((p) => ('max_rows' in p ? { ...p, max_rows: maxRows } : p)),
  };
}
