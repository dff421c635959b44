import { z } from 'zod';
import { CandidateNameSchema } from '../candidates/candidate.js';

/** The name of the ensemble of candidates that ensemble selection builds (AutoGluon's WeightedEnsemble). */
export const WEIGHTED_ENSEMBLE = 'weighted_ensemble';

/**
 * What a leaderboard row, a pipeline or a registered version is: one candidate family, or the
 * weighted ensemble of several. Users choose candidates; the ensemble is built from them.
 */
export const ModelNameSchema = z.enum([...CandidateNameSchema.options, WEIGHTED_ENSEMBLE]);
export type ModelName = z.infer<typeof ModelNameSchema>;
