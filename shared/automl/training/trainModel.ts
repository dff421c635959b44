import { candidateByName, type AnyCandidate } from '../candidates/catalog.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import type { Table } from '../data/table.js';
import { InvalidDatasetError } from '../errors.js';
import { crossValidate } from '../evaluation/crossValidate.js';
import { PreparedSplit } from '../evaluation/preparedSplit.js';
import { kFolds, trainTestSplit, type Split } from '../evaluation/splits.js';
import { PRIMARY_METRIC, compareScores, primaryScore, taskMetrics } from '../evaluation/taskMetrics.js';
import { bestF1Threshold } from '../metrics/index.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { DatasetSchema } from '../schema/datasetSchema.js';
import { featureStatistics, type FeatureStatistics } from '../statistics/featureStatistics.js';
import { buildDriftReference } from '../statistics/buildDriftReference.js';
import type { DriftReference } from '../statistics/driftReference.js';
import { permutationImportance } from '../statistics/permutationImportance.js';
import { createPredictor } from '../pipeline/predictor.js';
import { takeFrameRows } from '../data/frame.js';
import { prepareDataset } from './prepareDataset.js';
import type { TrainOptionsInput } from './trainOptions.js';
import type { LeaderboardEntry, TrainingInfo, TrainingMetrics } from './reports.js';
import type { Clock } from '../../ports/clock.js';
import type { TrainingEvent } from './trainingEvents.js';

/** Everything a training run produces; `artifactFiles` turns it into the files to write. */
export interface TrainingResult {
  readonly schema: DatasetSchema;
  readonly featureStatistics: FeatureStatistics;
  readonly driftReference: DriftReference;
  readonly leaderboard: LeaderboardEntry[];
  readonly metrics: TrainingMetrics;
  readonly pipeline: Pipeline;
  readonly info: TrainingInfo;
}

/** What the engine is handed instead of reading it itself: the clock, the versions to record, a progress sink. */
export interface TrainingEnvironment {
  readonly clock: Clock;
  /** Node and library versions, recorded in `training_info.json`. */
  readonly libraryVersions: Readonly<Record<string, string>>;
  readonly onEvent?: (event: TrainingEvent) => void;
}

interface Scored {
  readonly entry: LeaderboardEntry;
  readonly pipeline: Pipeline;
  readonly testPredictions: Float64Array;
}

/**
 * The AutoML use case: profile, split (stratified test split, then k folds of the training
 * rows, or one validation split when cv_folds = 0), score every candidate and parameter set on
 * the same folds by the task's primary metric, fit each candidate's best set on the whole
 * training split, score it on the test split, and keep the best by validation mean.
 *
 * The shipped model is the one fitted on the training split, so the test figures describe it.
 * Binary pipelines get the threshold that maximises F1 on the out-of-fold predictions.
 */
export function trainModel(table: Table, optionsInput: TrainOptionsInput, environment: TrainingEnvironment): TrainingResult {
  const { clock, onEvent } = environment;
  const started = clock.monotonicMs();
  const startedAt = clock.now().toISOString();
  const { options, schema, frame, y } = prepareDataset(table, optionsInput);
  const { task, classes = [] } = schema.target;
  const nClasses = classes.length;

  const outer = trainTestSplit(y, task, options.test_fraction, options.seed);
  const final = new PreparedSplit(frame, y, schema.features, outer);
  const { trainFrame, yTrain } = final;
  const innerSplits: Split[] =
    options.cv_folds === 0 ? [trainTestSplit(yTrain, task, 0.2, options.seed + 1)] : kFolds(yTrain, task, options.cv_folds, options.seed + 1);
  const folds = innerSplits.map((split) => new PreparedSplit(trainFrame, yTrain, schema.features, split));
  onEvent?.({ type: 'profiled', schema, trainRows: outer.train.length, testRows: outer.test.length, folds: folds.length });

  const metric = PRIMARY_METRIC[task];
  const scored: Scored[] = [];
  for (const name of options.candidates) {
    const candidate = withRowCap(candidateByName(name), options.max_tree_rows);
    if (!candidate.supports(task)) {
      onEvent?.({ type: 'candidate_skipped', candidate: candidate.name, reason: `does not support ${task}` });
      continue;
    }
    onEvent?.({ type: 'candidate_started', candidate: candidate.name });
    const paramSets = candidate.paramSets(task);
    const trials = paramSets.map((params, index) => ({
      params,
      validation: crossValidate(candidate, params, folds, task, nClasses, options.seed, (fold, score) =>
        onEvent?.({ type: 'fold_scored', candidate: candidate.name, paramSet: index + 1, paramSets: paramSets.length, fold, score }),
      ),
    }));
    const best = trials.reduce((a, b) => (compareScores(metric, b.validation.mean, a.validation.mean) < 0 ? b : a));

    const fitStart = clock.monotonicMs();
    const model = candidate.fit({ X: final.train(candidate.encoding), y: final.yTrain, task, nClasses }, best.params, { seed: options.seed });
    const fitSeconds = (clock.monotonicMs() - fitStart) / 1000;
    const testPredictions = asProbabilities(model.predict(final.test(candidate.encoding)), task, nClasses);
    const rowsUsed = (model as { rowsUsed?: number }).rowsUsed ?? final.yTrain.length;
    const entry: LeaderboardEntry = {
      candidate: candidate.name,
      primary_metric: metric,
      cv_mean: best.validation.mean,
      cv_std: best.validation.std,
      test: primaryScore(task, final.yTest, testPredictions, nClasses),
      fit_seconds: fitSeconds,
      rows_used: rowsUsed,
      params: best.params,
    };
    const threshold = task === 'binary' ? bestF1Threshold(best.validation.outOfFold.labels, best.validation.outOfFold.predictions).threshold : undefined;
    const pipeline: Pipeline = {
      target: schema.target,
      features: schema.features,
      preprocessor: final.preprocessor,
      candidate: candidate.name,
      params: best.params,
      ...(threshold === undefined ? {} : { threshold }),
      model: model.toJSON(),
    };
    scored.push({ entry, pipeline, testPredictions });
    onEvent?.({ type: 'candidate_finished', entry });
  }
  if (scored.length === 0) throw new InvalidDatasetError(`no chosen candidate supports the ${task} task`);

  scored.sort((a, b) => compareScores(metric, a.entry.cv_mean, b.entry.cv_mean));
  const chosen = scored[0];
  const metrics: TrainingMetrics = {
    task,
    n_classes: nClasses,
    candidate: chosen.entry.candidate,
    primary_metric: metric,
    validation: { folds: folds.length, cv_mean: chosen.entry.cv_mean, cv_std: chosen.entry.cv_std },
    test: taskMetrics(task, final.yTest, chosen.testPredictions, nClasses, chosen.pipeline.threshold),
    ...(chosen.pipeline.threshold === undefined ? {} : { threshold: chosen.pipeline.threshold }),
    train_rows: outer.train.length,
    test_rows: outer.test.length,
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
    versions: { ...environment.libraryVersions },
  };
  const importances = permutationImportance(createPredictor(chosen.pipeline), takeFrameRows(frame, outer.test), final.yTest, nClasses, options.seed);
  return {
    schema,
    featureStatistics: featureStatistics(trainFrame, schema.features),
    driftReference: buildDriftReference({
      frame: trainFrame,
      features: schema.features,
      target: schema.target,
      outputs: chosen.testPredictions,
      importances,
      seed: options.seed,
    }),
    leaderboard: scored.map((s) => s.entry),
    metrics,
    pipeline: chosen.pipeline,
    info,
  };
}

/** The candidate with `max_rows` overridden in each parameter set that has one. */
function withRowCap(candidate: AnyCandidate, maxRows: number | undefined): AnyCandidate {
  if (maxRows === undefined) return candidate;
  return {
    ...candidate,
    paramSets: (task) => candidate.paramSets(task).map((p) => ('max_rows' in p ? { ...p, max_rows: maxRows } : p)),
  };
}

