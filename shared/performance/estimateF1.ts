/** Estimated F1 as NannyML's `estimate_f1`: TP / (TP + ½(FP + FN)) of the expected confusion matrix, 0 when that denominator is 0. */
import type { ExpectedConfusion } from './expectedConfusion.js';

export function estimateF1({ tp, fp, fn }: ExpectedConfusion): number {
  const denominator = tp + 0.5 * (fp + fn);
  return denominator !== 0 ? tp / denominator : 0;
}
