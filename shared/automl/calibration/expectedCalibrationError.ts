/**
 * Expected calibration error as NannyML computes it (`nannyml/calibration.py`):
 *
 * - bins by position (`_get_bin_index_edges`): width w = ⌊n / binCount⌋ (NannyML's default 10
 *   bins; ⌊n/2⌋ of them when n ≤ 2·binCount, and fewer than 2 is an error), edges 0, w, 2w, … up
 *   to n with the last one moved to n (so 25 rows make 12 bins, the last of 3 rows, as there);
 * - rows sorted by probability (`_calculate_expected_calibration_error`; numpy's argsort there is
 *   not stable, here ties keep their input order: `argsort`), then
 *   ECE = Σ_bins (rows in bin / n) · |mean probability − mean label|.
 */
import { InvalidInputError } from '../errors.js';
import { argsort } from './isotonicRegression.js';

export const ECE_BINS = 10;

/** `[start, end)` row positions of each bin of a sorted vector of `n` rows. */
export function binIndexEdges(n: number, binCount: number = ECE_BINS): Array<readonly [number, number]> {
  let bins = binCount;
  if (n <= 2 * bins) {
    bins = Math.floor(n / 2);
    if (bins < 2) throw new InvalidInputError(`expectedCalibrationError: cannot split ${n} rows into at least 2 bins`);
  }
  const width = Math.floor(n / bins);
  const edges: number[] = [];
  for (let e = 0; e <= n; e += width) edges.push(e);
  edges[edges.length - 1] = n;
  return edges.slice(0, -1).map((start, b) => [start, edges[b + 1]] as const);
}

export function expectedCalibrationError(labels: ArrayLike<number>, probabilities: ArrayLike<number>, edges: ReadonlyArray<readonly [number, number]>): number {
  const n = probabilities.length;
  if (labels.length !== n) throw new InvalidInputError(`expectedCalibrationError: labels and probabilities differ in length (${labels.length} vs ${n})`);
  const order = argsort(probabilities);
  let ece = 0;
  for (const [start, end] of edges) {
    let p = 0;
    let y = 0;
    for (let k = start; k < end; k++) {
      p += probabilities[order[k]];
      y += labels[order[k]];
    }
    const size = end - start;
    ece += (size / n) * Math.abs(p / size - y / size);
  }
  return ece;
}
