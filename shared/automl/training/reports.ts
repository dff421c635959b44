import { z } from 'zod';
import { CandidateNameSchema } from '../candidates/candidate.js';
import { PrimaryMetricSchema } from '../evaluation/taskMetrics.js';
import { TaskSchema } from '../task.js';

/**
 * One row of `leaderboard.json`. `cv_mean`/`cv_std` (population std, as numpy's default) are
 * over the validation folds; `test` is the primary metric on the held-out test split;
 * `fit_seconds` is the fit of the final model alone; `rows_used` the rows that fit saw.
 */
export const LeaderboardEntrySchema = z.object({
  candidate: CandidateNameSchema,
  primary_metric: PrimaryMetricSchema,
  cv_mean: z.number(),
  cv_std: z.number(),
  test: z.number(),
  fit_seconds: z.number(),
  rows_used: z.number().int(),
  params: z.record(z.string(), z.unknown()),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

/** `metrics.json`: the chosen model's figures on the test split, and how it was validated. */
export const TrainingMetricsSchema = z.object({
  task: TaskSchema,
  /** Number of classes (0 for regression). */
  n_classes: z.number().int().nonnegative(),
  candidate: CandidateNameSchema,
  primary_metric: PrimaryMetricSchema,
  validation: z.object({ folds: z.number().int(), cv_mean: z.number(), cv_std: z.number() }),
  test: z.record(z.string(), z.number()),
  threshold: z.number().optional(),
  train_rows: z.number().int(),
  test_rows: z.number().int(),
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
  versions: z.record(z.string(), z.string()),
});
export type TrainingInfo = z.infer<typeof TrainingInfoSchema>;
