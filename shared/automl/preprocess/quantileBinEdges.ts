/**
 * Bin edges for ascending values, at most `maxBins` bins. With few distinct values each gets
 * its own bin; otherwise bins hold about n / maxBins rows each, greedily over the distinct values
 * (a value is never split across bins). Edges are midpoints between consecutive distinct values,
 * as LightGBM places them. Bin b holds `edges[b−1] < x ≤ edges[b]`.
 */
export function quantileBinEdges(sorted: Float64Array, maxBins: number): number[] {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === sorted[i]) counts[counts.length - 1]++;
    else {
      distinct.push(sorted[i]);
      counts.push(1);
    }
  }
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) edges.push(midpoint(distinct[i - 1], distinct[i]));
    return edges;
  }
  let remainingRows = sorted.length;
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
