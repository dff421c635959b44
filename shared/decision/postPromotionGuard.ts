import { z } from 'zod';
import { higherIsBetter, type PrimaryMetric } from '../automl/evaluation/taskMetrics.js';
import { significant } from './formatFigure.js';

/**
 * When a freshly promoted version is put back: once it has at least `minRows` labeled live
 * predictions, if its live metric is worse than its predecessor's (on the same rows, or recorded) by
 * more than `margin`, relative to the predecessor's (0.05: 5% worse). While it waits for those
 * rows, for at most `holdMinutes` after the promotion, drift checks do not ask for a retrain: a
 * bad promotion is rolled back, not retrained over. Without a recorded live quality of the
 * predecessor (no check measured it), it is measured on what it served in the `baselineMinutes`
 * before the promotion, and without that, its recorded figure is used (see `guardProduction`).
 */
export const GuardSettingsSchema = z.object({
  minRows: z.number().int().positive().default(100),
  margin: z.number().nonnegative().default(0.05),
  holdMinutes: z.number().nonnegative().default(30),
  baselineMinutes: z.number().positive().default(60),
});
export type GuardSettings = z.infer<typeof GuardSettingsSchema>;

export interface GuardInput {
  readonly metric: PrimaryMetric;
  readonly version: string;
  readonly live: number;
  readonly rows: number;
  readonly predecessor: string;
  readonly predecessorLive: number;
  readonly predecessorRows: number;
  /** Whether the predecessor's figure is on the same rows as the version's (its shadow score). */
  readonly sameRows?: boolean;
}

/** `rollback` with the reason the history will keep, `wait` (too few rows yet) or `keep`. Pure. */
export function judgePromotion(input: GuardInput, settingsInput: Partial<GuardSettings> = {}): { action: 'rollback' | 'keep' | 'wait'; reason: string } {
  const { minRows, margin } = GuardSettingsSchema.parse(settingsInput);
  const { metric, version, live, rows, predecessor, predecessorLive } = input;
  if (rows < minRows) return { action: 'wait', reason: `${version} has ${rows} labeled live predictions, fewer than ${minRows}` };
  const worse = (higherIsBetter(metric) ? predecessorLive - live : live - predecessorLive) / Math.abs(predecessorLive || 1);
  const figures =
    `${version} live ${metric} ${significant(live)} on ${rows} labeled predictions vs ${predecessor} ${significant(predecessorLive)} ` +
    `${input.sameRows ? 'on the same rows' : `on ${input.predecessorRows}`} ` +
    `(${significant(worse * 100)}% worse, margin ${significant(margin * 100)}%)`;
  return worse > margin ? { action: 'rollback', reason: `post-promotion guard: ${figures}` } : { action: 'keep', reason: figures };
}
