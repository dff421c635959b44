/** Estimated precision as NannyML's `estimate_precision`: TP / (TP + FP) of the expected confusion matrix, 0 when no row is predicted positive. */
import type { ExpectedConfusion } from './expectedConfusion.js';

export function estimatePrecision({ tp, fp }: ExpectedConfusion): number {
  const denominator = tp + fp;
  return denominator !== 0 ? tp / denominator : 0;
}
