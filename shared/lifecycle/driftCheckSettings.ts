import { z } from 'zod';
import { DriftDecisionSettingsSchema } from '../decision/driftDecisionSchemas.js';
import { DriftOptionsSchema } from '../drift/check/driftOptions.js';
import { RetrainingSettingsSchema } from './retrainingSettings.js';
import { GuardSettingsSchema } from '../decision/postPromotionGuard.js';

/**
 * How the scheduled drift check reads production traffic and decides:
 * - `windowMinutes` (default 60): the sliding window, `[now − windowMinutes, now)` of prediction times;
 * - `maxRows` (default 100,000): the most recent logged predictions of the window kept at most;
 * - `minRows` (default 100): fewer rows in the window (per column) is `insufficient_data`;
 * - `tests`: the dataset-drift share and any test or threshold chosen instead of the defaults,
 *   for every column or per column (`DriftOptionsSchema` without `min_rows`);
 * - `decision`: the engine's settings (top-k, cooldown, consecutive windows);
 * - `retraining`: what a retrain trains on (`RetrainingSettingsSchema`);
 * - `quality`: concept drift — the production version's live quality (on the window's labeled
 *   predictions, at least `minRows`) dropped by `maxDrop` (default 5%) of its recorded figure;
 * - `guard`: when a promotion is put back (`GuardSettingsSchema`).
 */
export const DriftCheckSettingsSchema = z.object({
  windowMinutes: z.number().positive().default(60),
  maxRows: z.number().int().positive().default(100_000),
  minRows: z.number().int().positive().default(100),
  tests: DriftOptionsSchema.omit({ min_rows: true }).prefault({}),
  decision: DriftDecisionSettingsSchema.prefault({}),
  retraining: RetrainingSettingsSchema.prefault({}),
  quality: z.object({ maxDrop: z.number().positive().default(0.05), minRows: z.number().int().positive().default(100) }).prefault({}),
  guard: GuardSettingsSchema.prefault({}),
});
export type DriftCheckSettings = z.infer<typeof DriftCheckSettingsSchema>;
export type DriftCheckSettingsInput = z.input<typeof DriftCheckSettingsSchema>;
