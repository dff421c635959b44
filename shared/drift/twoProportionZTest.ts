import { InvalidInputError } from '../automl/errors.js';
import { normalSf } from './special/normalSf.js';
import type { StatisticalTestResult } from './statisticalTestResult.js';

/**
 * Two-sided two-proportion z-test with the pooled proportion: p1 = refSuccesses / refTotal,
 * p2 = curSuccesses / curTotal, p̂ = (refSuccesses + curSuccesses) / (refTotal + curTotal),
 * z = (p1 − p2) / √(p̂ (1 − p̂) (1/refTotal + 1/curTotal)), p = 2 · normalSf(|z|).
 * Zero pooled variance (p̂ = 0 or 1: both samples all failures or all successes, hence equal)
 * gives statistic 0, p 1. Totals must be finite and > 0, successes within [0, total].
 */
export function twoProportionZTest(refSuccesses: number, refTotal: number, curSuccesses: number, curTotal: number): StatisticalTestResult {
  for (const [successes, total] of [[refSuccesses, refTotal], [curSuccesses, curTotal]]) {
    if (!(total > 0) || !Number.isFinite(total) || !(successes >= 0) || !(successes <= total)) {
      throw new InvalidInputError(`twoProportionZTest: needs 0 ≤ successes ≤ total, total > 0 and finite (got ${successes} of ${total})`);
    }
  }
  const pooled = (refSuccesses + curSuccesses) / (refTotal + curTotal);
  const variance = pooled * (1 - pooled) * (1 / refTotal + 1 / curTotal);
  if (!(variance > 0)) return { statistic: 0, p_value: 1 };
  const statistic = (refSuccesses / refTotal - curSuccesses / curTotal) / Math.sqrt(variance);
  return { statistic, p_value: 2 * normalSf(Math.abs(statistic)) };
}
