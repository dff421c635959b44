import { z } from 'zod';
import type { Judgement } from './promotionPolicy.js';
import type { PairedComparison } from './bootstrap/pairedBootstrap.js';
import { sixDecimals } from './formatFigure.js';

/**
 * When a challenger replaces the champion: its gain on the shared holdout must be at least
 * `margin` (in the metric's units, signed so that positive is better), and significant: the lower
 * end of the paired-bootstrap interval above 0.
 */
export const ChallengerPolicySchema = z.object({ margin: z.number().nonnegative().default(0.001) });
export type ChallengerPolicy = z.infer<typeof ChallengerPolicySchema>;

/**
 * Champion vs challenger on the same holdout rows: promoted when the gain ≥ margin and the
 * interval's lower end > 0; otherwise rejected, saying which condition failed. The reason starts
 * with `better:` or `not better:` and carries both scores, the rows, the gain and the interval.
 */
export function judgeChallenger(comparison: PairedComparison, policyInput: Partial<ChallengerPolicy> = {}): Judgement {
  const { margin } = ChallengerPolicySchema.parse(policyInput);
  const { metric, challenger, champion, gain, interval, confidence, rows } = comparison;
  const figures =
    `${metric} ${sixDecimals(challenger)} vs production ${sixDecimals(champion)} on the same ${rows} holdout rows ` +
    `(gain ${sixDecimals(gain)}, ${Math.round(confidence * 100)}% paired-bootstrap interval [${sixDecimals(interval[0])}, ${sixDecimals(interval[1])}], margin ${sixDecimals(margin)})`;
  if (!Number.isFinite(challenger)) return { decision: 'rejected', reason: `not better: candidate ${metric} is not finite` };
  if (gain < margin) return { decision: 'rejected', reason: `not better: ${figures}: the gain is below the margin` };
  if (!(interval[0] > 0)) return { decision: 'rejected', reason: `not better: ${figures}: the gain is not significant (the interval reaches 0)` };
  return { decision: 'promoted', reason: `better: ${figures}` };
}
