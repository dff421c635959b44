/**
 * Bin edges for ascending values, at most `maxBins` bins. With few distinct values each gets
 * its own bin; otherwise bins hold about n / maxBins rows each, greedily over the distinct values
 * (a value is never split across bins). Edges are midpoints between consecutive distinct values,
 * as LightGBM places them. Bin b holds `edges[b−1] < x ≤ edges[b]`.
 */
export function quantileBinEdges(sorted: Float64Array, maxBins: number): number[] {
  return quantileBinEdgesOfRuns(sorted, new Int32Array(sorted.length).fill(1), maxBins);
}

/**
 * The same edges from ascending `values` with their `counts` (runs of the sorted column, as
 * distinctValues.ts gives them): consecutive values that are `===` (−0 and +0) count as one, the
 * first standing for both, exactly as scanning the sorted column does.
 */
export function quantileBinEdgesOfRuns(values: Float64Array, runCounts: Int32Array, maxBins: number): number[] {
  const distinct: number[] = [];
  const counts: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    total += runCounts[i];
    if (distinct.length > 0 && distinct[distinct.length - 1] === values[i]) counts[counts.length - 1] += runCounts[i];
    else {
      distinct.push(values[i]);
      counts.push(runCounts[i]);
    }
  }
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) edges.push(midpoint(distinct[i - 1], distinct[i]));
    return edges;
  }
  let remainingRows = total;
  let remainingBins = maxBins;
  let filled = 0;
  for (let i = 0; i < distinct.length - 1 && remainingBins > 1; i++) {
    filled += counts[i];
    const target = remainingRows / remainingBins;
    // Close the bin when it is full, or when adding the next value would overshoot more.
    if (filled >= target || filled + counts[i + 1] - target > target - filled) {
      edges.push(midpoint(distinct[i], distinct[i + 1]));
      remainingRows -= filled;
      remainingBins--;
      filled = 0;
    }
  }
  return edges;
}

function midpoint(a: number, b: number): number {
  return a + (b - a) / 2;
}
