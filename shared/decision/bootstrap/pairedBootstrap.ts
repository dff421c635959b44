import { z } from 'zod';
import { higherIsBetter } from '../../automl/evaluation/taskMetrics.js';
import { quantileOfSorted } from '../../automl/statistics/featureStatistics.js';
import { createRandom } from '../../automl/util/random.js';
import type { ResampledScore } from './resampledScore.js';

/** How the bootstrap runs: resamples, the interval's confidence (two-sided), the seed. */
export const BootstrapSettingsSchema = z.object({
  samples: z.number().int().min(100).default(1000),
  confidence: z.number().gt(0.5).lt(1).default(0.95),
  seed: z.number().int().min(0).default(42),
});
export type BootstrapSettings = z.infer<typeof BootstrapSettingsSchema>;

/** The two models' scores on the holdout, the gain of the challenger and its bootstrap interval. */
export const PairedComparisonSchema = z.object({
  metric: z.string(),
  rows: z.number().int().positive(),
  champion: z.number(),
  challenger: z.number(),
  /** Challenger minus champion, signed so that positive is better (log_loss and rmse: champion minus challenger). */
  gain: z.number(),
  /** Percentile interval of the gain over the resamples: [(1 − c)/2, (1 + c)/2] quantiles (type 7). */
  interval: z.tuple([z.number(), z.number()]),
  confidence: z.number(),
  samples: z.number().int(),
  seed: z.number().int(),
});
export type PairedComparison = z.infer<typeof PairedComparisonSchema>;

/**
 * Paired bootstrap of the gain of a challenger over a champion on the SAME holdout rows
 * (Efron & Tibshirani, ch. 16): each resample draws n rows with replacement (mulberry32 seeded
 * by `settings.seed`), both models are scored on that same resample, and the gain is recorded.
 * Resamples where the metric is undefined (roc_auc without both classes) are left out; the
 * count kept is `samples`. Pure and deterministic for a seed.
 */
export function pairedBootstrap(champion: ResampledScore, challenger: ResampledScore, n: number, settingsInput: Partial<BootstrapSettings> = {}): PairedComparison {
  const settings = BootstrapSettingsSchema.parse(settingsInput);
  const sign = higherIsBetter(champion.metric) ? 1 : -1;
  const ones = new Float64Array(n).fill(1);
  const [championScore, challengerScore] = [champion.score(ones), challenger.score(ones)];
  const random = createRandom(settings.seed);
  const weights = new Float64Array(n);
  const gains: number[] = [];
  for (let b = 0; b < settings.samples; b++) {
    weights.fill(0);
    for (let draw = 0; draw < n; draw++) weights[Math.floor(random() * n)]++;
    const gain = sign * (challenger.score(weights) - champion.score(weights));
    if (Number.isFinite(gain)) gains.push(gain);
  }
  gains.sort((a, b) => a - b);
  const tail = (1 - settings.confidence) / 2;
  const interval: [number, number] = gains.length === 0 ? [Number.NaN, Number.NaN] : [quantileOfSorted(gains, tail), quantileOfSorted(gains, 1 - tail)];
  return {
    metric: champion.metric,
    rows: n,
    champion: championScore,
    challenger: challengerScore,
    gain: sign * (challengerScore - championScore),
    interval,
    confidence: settings.confidence,
    samples: gains.length,
    seed: settings.seed,
  };
}
