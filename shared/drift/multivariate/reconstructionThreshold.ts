import { InvalidInputError } from '../../automl/errors.js';
import type { ReferenceErrors } from '../../automl/statistics/multivariate/multivariateReference.js';

/**
 * The band a window's reconstruction error is judged against, as NannyML's
 * `StandardDeviationThreshold` over the reference chunks (mean ± 3σ of the chunks' errors;
 * lower bound dropped when ≤ 0), for chunks of the window's own size m, computed from every
 * reference row instead of from a handful of chunks:
 *
 * - A reference chunk of m rows has the error (the mean of m per-row errors) with expectation μ
 *   and standard deviation σ/√m, μ and σ (ddof 0) over the n reference rows. NannyML estimates
 *   that σ from about 10 chunks (its default chunker), ±24% at that count, and from one chunk
 *   when m is the reference's size; the per-row σ is exact for any m, including m > n.
 * - The window is not a reference chunk: its distance from μ also carries the error of μ
 *   itself, σ/√n, so the half-width is `multiplier · σ · √(1/m + 1/n)` (at NannyML's 10
 *   chunks, n = 10m, that is 5% wider than its band).
 * - The half-width is at least `ROUNDING_WIDTH`, so a reference that reconstructs exactly
 *   (σ = 0) does not flag a rounding difference.
 */
export const ROUNDING_WIDTH = 1e-9;

export interface ErrorBand {
  readonly lower: number | null;
  readonly upper: number;
}

export function reconstructionThreshold(errors: Pick<ReferenceErrors, 'rows' | 'mean' | 'std'>, multiplier: number, windowRows: number): ErrorBand {
  if (!(Number.isInteger(windowRows) && windowRows > 0)) throw new InvalidInputError(`reconstructionThreshold: the window must have at least one row (got ${windowRows})`);
  const half = Math.max(multiplier * errors.std * Math.sqrt(1 / windowRows + 1 / errors.rows), ROUNDING_WIDTH);
  const lower = errors.mean - half;
  return { lower: lower > 0 ? lower : null, upper: errors.mean + half };
}

/** NannyML's alert rule: outside the open band `(lower, upper)`; no lower bound when it is null. */
export function outsideBand(value: number, band: ErrorBand): boolean {
  return !((band.lower === null || band.lower < value) && value < band.upper);
}

/**
 * NannyML's reference chunks at size m from the stored sample of per-row errors (in its random
 * order): the mean of each consecutive run of m, the incomplete last run dropped
 * (`SizeBasedChunker(incomplete='drop')`). For the report's figure; empty when m exceeds the sample.
 */
export function referenceChunkErrors(sample: readonly number[], chunkRows: number): number[] {
  if (!(Number.isInteger(chunkRows) && chunkRows > 0)) throw new InvalidInputError(`referenceChunkErrors: chunk size must be a positive integer (got ${chunkRows})`);
  const chunks: number[] = [];
  for (let start = 0; start + chunkRows <= sample.length; start += chunkRows) {
    let sum = 0;
    for (let i = start; i < start + chunkRows; i++) sum += sample[i];
    chunks.push(sum / chunkRows);
  }
  return chunks;
}
