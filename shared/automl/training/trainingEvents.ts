import type { CandidateName } from '../candidates/candidate.js';
import type { DatasetSchema } from '../schema/datasetSchema.js';
import type { LeaderboardEntry, ShippedModel } from './reports.js';

/** Progress of a training run, for a CLI or a log. */
export type TrainingEvent =
  | { readonly type: 'profiled'; readonly schema: DatasetSchema; readonly trainRows: number; readonly testRows: number; readonly folds: number }
  | { readonly type: 'candidate_started'; readonly candidate: CandidateName }
  | {
      readonly type: 'fold_scored';
      readonly candidate: CandidateName;
      /** Which of the candidate's parameter sets (1-based, of `paramSets`) this fold scored. */
      readonly paramSet: number;
      readonly paramSets: number;
      readonly fold: number;
      readonly score: number;
    }
  | { readonly type: 'candidate_skipped'; readonly candidate: CandidateName; readonly reason: string }
  | { readonly type: 'candidate_finished'; readonly entry: LeaderboardEntry }
  | { readonly type: 'model_shipped'; readonly shipped: ShippedModel }
  | { readonly type: 'warning'; readonly message: string };
