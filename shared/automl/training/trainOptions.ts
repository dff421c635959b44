import { z } from 'zod';
import { CANDIDATE_NAMES } from '../candidates/catalog.js';
import { CandidateNameSchema } from '../candidates/candidate.js';

/**
 * Options of a training run.
 * - `cv_folds` = 0 means holdout only: one stratified validation split of the training rows
 *   instead of k folds.
 * - `max_tree_rows` overrides the row cap of the ml-cart based candidates (decision_tree,
 *   random_forest).
 * - `refit` (default true): the shipped model is the chosen candidate refitted on every labeled
 *   row (GridSearchCV's `refit`, AutoGluon's `refit_full`); false ships the train-split model.
 * - `time_budget` (seconds): candidates whose projected time no longer fits are skipped.
 * - `params`: per candidate, parameters overriding every one of its parameter sets, checked by
 *   the candidate's own schema (see paramOverrides.ts).
 * - `positive_class`: the binary class whose probability is reported (default: the last class).
 * - `min_class_rows`: rows of classes with fewer rows are dropped, with a warning.
 */
export const TrainOptionsSchema = z.object({
  target: z.string().min(1).optional(),
  seed: z.number().int().min(0).max(0xffffffff).default(42),
  candidates: z.array(CandidateNameSchema).min(1).default([...CANDIDATE_NAMES]),
  cv_folds: z
    .number()
    .int()
    .refine((k) => k === 0 || (k >= 2 && k <= 20), 'cv_folds must be 0 (holdout only) or between 2 and 20')
    .default(5),
  test_fraction: z.number().gt(0).lt(0.9).default(0.2),
  max_tree_rows: z.number().int().min(10).optional(),
  refit: z.boolean().default(true),
  time_budget: z.number().positive().optional(),
  params: z.partialRecord(CandidateNameSchema, z.record(z.string(), z.unknown())).optional(),
  positive_class: z.string().min(1).optional(),
  min_class_rows: z.number().int().min(1).optional(),
});
export type TrainOptionsInput = z.input<typeof TrainOptionsSchema>;
export type TrainOptions = z.infer<typeof TrainOptionsSchema>;
