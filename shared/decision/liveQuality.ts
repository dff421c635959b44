import { z } from 'zod';
import { higherIsBetter, PrimaryMetricSchema, type PrimaryMetric } from '../automl/evaluation/taskMetrics.js';
import { significant } from './formatFigure.js';

/**
 * A version's primary metric on its recently labeled predictions (those it served, in the check's
 * window), next to the figure it was promoted with (`recorded`: its test metric).
 * `drop` = (recorded − live) / |recorded| for a metric where higher is better (roc_auc), and
 * (live − recorded) / |recorded| otherwise (log_loss, rmse): positive means worse, as a share of
 * the recorded figure.
 */
export const LiveQualitySchema = z.object({
  version: z.string(),
  metric: PrimaryMetricSchema,
  live: z.number(),
  rows: z.number().int().nonnegative(),
  recorded: z.number(),
  drop: z.number(),
  measured_at: z.iso.datetime(),
});
export type LiveQuality = z.infer<typeof LiveQualitySchema>;

/** The relative drop of `live` below `recorded` (see `LiveQualitySchema`); 0 when recorded is 0. */
export function qualityDrop(metric: PrimaryMetric, live: number, recorded: number): number {
  if (recorded === 0) return 0;
  return (higherIsBetter(metric) ? recorded - live : live - recorded) / Math.abs(recorded);
}

/** The concept-drift reason when the live figure dropped by at least `maxDrop` on at least `minRows` rows, else null. */
export function conceptDriftReason(quality: LiveQuality, maxDrop: number, minRows: number): string | null {
  if (quality.rows < minRows || quality.drop < maxDrop) return null;
  return (
    `live quality dropped: ${quality.metric} ${significant(quality.live)} on ${quality.rows} labeled predictions vs ${significant(quality.recorded)} recorded ` +
    `(drop ${significant(quality.drop * 100)}% ≥ ${significant(maxDrop * 100)}%)`
  );
}
