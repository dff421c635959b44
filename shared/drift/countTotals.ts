import { InvalidInputError } from '../automl/errors.js';

/**
 * The totals of two histograms over the same bins, after checking them: equal non-zero length,
 * every count finite and ≥ 0, each total positive (and both together finite); otherwise an `InvalidInputError` naming `caller`.
 */
export function countTotals(caller: string, referenceCounts: readonly number[], currentCounts: readonly number[]): [number, number] {
  const k = referenceCounts.length;
  if (k === 0 || k !== currentCounts.length) throw new InvalidInputError(`${caller}: counts must be non-empty and of equal length`);
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let i = 0; i < k; i++) {
    const r = referenceCounts[i];
    const c = currentCounts[i];
    if (!(r >= 0) || !(c >= 0) || !Number.isFinite(r) || !Number.isFinite(c)) {
      throw new InvalidInputError(`${caller}: counts must be finite and ≥ 0 (bin ${i})`);
    }
    referenceTotal += r;
    currentTotal += c;
  }
  if (referenceTotal <= 0 || currentTotal <= 0) throw new InvalidInputError(`${caller}: a side has no counts`);
  if (!Number.isFinite(referenceTotal + currentTotal)) throw new InvalidInputError(`${caller}: the counts add up past the largest double`);
  return [referenceTotal, currentTotal];
}
