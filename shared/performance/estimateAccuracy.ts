/** Estimated accuracy as NannyML's `estimate_accuracy`: (TP + TN) / rows of the expected confusion matrix (NaN for no rows). */
import type { ExpectedConfusion } from './expectedConfusion.js';

export function estimateAccuracy({ tp, tn, rows }: ExpectedConfusion): number {
  return (tp + tn) / rows;
}
