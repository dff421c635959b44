/**
 * Estimated ROC AUC as NannyML's `estimate_roc_auc` (used by `BinaryClassificationAUROC.estimate`):
 * rows sorted by the uncalibrated score, highest first; the expected true positives are the
 * running sum of the calibrated probabilities, tps₀ = 0, tpsᵢ = Σ_{k≤i} p_k, and the expected false
 * positives fpsᵢ = i − tpsᵢ; both rounded to 5 decimals (`np.round`, half to even), divided by
 * their last value (TPR, FPR), and the area taken by the trapezoidal rule (scikit-learn's `auc`).
 * Tied scores have equal calibrated probabilities, so their order does not change the area.
 * NaN when every probability is 0 or every one is 1 (one expected class), as there.
 */
export function estimateRocAuc(calibrated: ArrayLike<number>, uncalibrated: ArrayLike<number>): number {
  const n = calibrated.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => uncalibrated[b] - uncalibrated[a]);
  const tps = new Float64Array(n + 1);
  const fps = new Float64Array(n + 1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += calibrated[order[i]];
    tps[i + 1] = sum;
    fps[i + 1] = i + 1 - sum;
  }
  for (let i = 0; i <= n; i++) {
    tps[i] = round5(tps[i]);
    fps[i] = round5(fps[i]);
  }
  const totalTp = tps[n];
  const totalFp = fps[n];
  if (!(totalTp > 0) || !(totalFp > 0)) return Number.NaN;
  let area = 0;
  for (let i = 1; i <= n; i++) {
    const dx = fps[i] / totalFp - fps[i - 1] / totalFp;
    area += (dx * (tps[i] / totalTp + tps[i - 1] / totalTp)) / 2;
  }
  return area;
}

/** `np.round(x, 5)`: x·10⁵ rounded half to even, divided back. */
export function round5(x: number): number {
  const scaled = x * 1e5;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const rounded = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return rounded / 1e5;
}
