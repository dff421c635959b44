import { z } from 'zod';
import { CandidateNameSchema } from '../candidates/candidate.js';
import { CalibrationSummarySchema } from '../calibration/calibrationSchema.js';
import { ModelNameSchema } from '../ensemble/modelName.js';
import { PrimaryMetricSchema } from '../evaluation/taskMetrics.js';
import { TaskSchema } from '../task.js';

/**
 * One scored row of `leaderboard.json`. `cv_mean`/`cv_std` (population std, as numpy's default)
 * are over the validation folds; `test` is the primary metric on the held-out test split of the
 * model fitted on the train split; `fit_seconds` is that fit plus the candidate's own encoding
 * of the training rows (binning or one-hot), as the peers' figures include theirs; `rows_used`
 * the rows that fit saw.
 */
export const LeaderboardEntrySchema = z.object({
  candidate: ModelNameSchema,
  primary_metric: PrimaryMetricSchema,
  cv_mean: z.number(),
  cv_std: z.number(),
  test: z.number(),
  fit_seconds: z.number(),
  rows_used: z.number().int(),
  params: z.record(z.string(), z.unknown()),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

/** A candidate of the run that was not scored, and why (unsupported task, time budget). */
export const SkippedCandidateSchema = z.object({
  candidate: CandidateNameSchema,
  skipped: z.string().min(1),
});
export type SkippedCandidate = z.infer<typeof SkippedCandidateSchema>;

/** `leaderboard.json`: the scored entries, best first, then the skipped candidates. */
export const LeaderboardSchema = z.array(z.union([LeaderboardEntrySchema, SkippedCandidateSchema]));
export type Leaderboard = z.infer<typeof LeaderboardSchema>;

/** The scored entries of a leaderboard, in order. */
export function scoredEntries(leaderboard: Leaderboard): LeaderboardEntry[] {
  return leaderboard.filter((entry): entry is LeaderboardEntry => !('skipped' in entry));
}

/**
 * Which model `model.json` holds, and which one the test figures describe: with `refit`, the
 * shipped model is the chosen candidate refitted on all labeled rows with the chosen
 * parameters (`params`: the iteration count early stopping found, fixed); the test figures are
 * always those of the same procedure fitted on the train split only, the honest estimate.
 */
export const ShippedModelSchema = z.object({
  fit_on: z.enum(['all_labeled_rows', 'train_split']),
  rows: z.number().int().positive(),
  test_figures_describe: z.literal('train_split_model'),
  params: z.record(z.string(), z.unknown()),
});
export type ShippedModel = z.infer<typeof ShippedModelSchema>;

/** `metrics.json`: the chosen model's figures on the test split, and how it was validated. */
export const TrainingMetricsSchema = z.object({
  task: TaskSchema,
  /** Number of classes (0 for regression). */
  n_classes: z.number().int().nonnegative(),
  candidate: ModelNameSchema,
  primary_metric: PrimaryMetricSchema,
  validation: z.object({ folds: z.number().int(), cv_mean: z.number(), cv_std: z.number() }),
  test: z.record(z.string(), z.number()),
  threshold: z.number().optional(),
  train_rows: z.number().int(),
  test_rows: z.number().int(),
  shipped_model: ShippedModelSchema.optional(),
  /** Binary tasks: NannyML's calibration decision, ECE before and after (absent in older versions). */
  calibration: CalibrationSummarySchema.optional(),
});
export type TrainingMetrics = z.infer<typeof TrainingMetricsSchema>;

/** `training_info.json`: rows, seed, duration, options and library versions of a run. */
export const TrainingInfoSchema = z.object({
  rows: z.number().int(),
  rows_used_for_training: z.number().int(),
  train_rows: z.number().int(),
  test_rows: z.number().int(),
  seed: z.number().int(),
  cv_folds: z.number().int(),
  test_fraction: z.number(),
  candidates: z.array(CandidateNameSchema),
  started_at: z.string(),
  duration_seconds: z.number(),
  refit: z.boolean().optional(),
  time_budget: z.number().optional(),
  /** What the run changed in the data, e.g. rows of a class dropped by `min_class_rows`. */
  warnings: z.array(z.string()).optional(),
  versions: z.record(z.string(), z.string()),
});
export type TrainingInfo = z.infer<typeof TrainingInfoSchema>;

/**
 * `test_predictions.json`: the outputs, on the test split's rows (in split order), of the model
 * the test figures describe (fitted on the train split). With `refit` the shipped model has
 * trained on those rows, so a promotion that scores the candidate on its own test split uses
 * these instead (see lifecycle/sharedHoldout.ts).
 */
export const TestPredictionsSchema = z.object({
  outputs: z.number().int().positive(),
  values: z.array(z.number()),
});
export type TestPredictions = z.infer<typeof TestPredictionsSchema>;
