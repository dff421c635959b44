/** Estimated recall as NannyML's `estimate_recall`: TP / (TP + FN) of the expected confusion matrix, 0 when that denominator is 0. */
import type { ExpectedConfusion } from './expectedConfusion.js';

export function estimateRecall({ tp, fn }: ExpectedConfusion): number {
  const denominator = tp + fn;
  return denominator !== 0 ? tp / denominator : 0;
}
