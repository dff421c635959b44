import { z } from 'zod';

/**
 * What a drift-triggered retraining trains on:
 * - `windowMinutes` (default 1,440): recent production rows with ground truth, predicted in `[now − window, now)`;
 * - `recentShare` (default 0.5): the weighting of recent rows — the reference rows are subsampled
 *   (seeded, without replacement) so that recent rows make up at least this share of the
 *   training data (all reference rows when there are too few recent ones for that);
 * - `holdoutShare` (default 0.3) of the recent rows is kept out of training, for champion vs
 *   challenger, when that gives at least `minHoldoutRows` (default 50) rows; otherwise every recent
 *   row is trained on and the comparison uses the candidate's test split.
 */
export const RetrainingSettingsSchema = z.object({
  windowMinutes: z.number().positive().default(1_440),
  recentShare: z.number().gt(0).max(1).default(0.5),
  holdoutShare: z.number().gt(0).lt(0.9).default(0.3),
  minHoldoutRows: z.number().int().positive().default(50),
});
export type RetrainingSettingsInput = z.input<typeof RetrainingSettingsSchema>;
export type RetrainingSettings = z.infer<typeof RetrainingSettingsSchema>;
