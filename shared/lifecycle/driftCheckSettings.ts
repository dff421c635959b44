import { z } from 'zod';
import { DriftDecisionSettingsSchema } from '../decision/driftDecisionSchemas.js';

/**
 * How the scheduled drift check reads production traffic and decides:
 * - `windowMinutes` (default 60): the sliding window, `[now − windowMinutes, now)` of prediction times;
 * - `maxRows` (default 100,000): the most recent logged predictions of the window kept at most;
 * - `minRows` (default 100): fewer rows in the window (per column) is `insufficient_data`;
 * - `decision`: the engine's settings (top-k, cooldown, consecutive windows).
 */
export const DriftCheckSettingsSchema = z.object({
  windowMinutes: z.number().positive().default(60),
  maxRows: z.number().int().positive().default(100_000),
  minRows: z.number().int().positive().default(100),
  decision: DriftDecisionSettingsSchema.prefault({}),
});
export type DriftCheckSettings = z.infer<typeof DriftCheckSettingsSchema>;
export type DriftCheckSettingsInput = z.input<typeof DriftCheckSettingsSchema>;
