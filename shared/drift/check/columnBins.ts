import { histogramCounts } from '../../automl/statistics/featureStatistics.js';
import { FEW_VALUES } from '../../automl/statistics/driftReference.js';
import type { ColumnSample } from './columnSample.js';

/** A column's reference and current counts over the same bins, with a label per bin. */
export interface ColumnBins {
  readonly labels: string[];
  readonly reference: number[];
  readonly current: number[];
}

/**
 * The distinct values of reference and current together (Evidently's `n_unique`), counted up
 * to `FEW_VALUES + 1`: a numeric reference without exact value counts already has more.
 */
export function distinctValues(sample: ColumnSample): number {
  if (sample.type === 'categorical') {
    const keys = new Set(Object.keys(sample.reference.counts));
    for (const value of sample.current) keys.add(value);
    return keys.size;
  }
  if (sample.reference.value_counts === null) return FEW_VALUES + 1;
  const keys = new Set(Object.keys(sample.reference.value_counts));
  for (let i = 0; i < sample.current.length && keys.size <= FEW_VALUES; i++) keys.add(String(sample.current[i]));
  return Math.min(keys.size, FEW_VALUES + 1);
}

/**
 * The bins the binned tests (chi-square, z, Jensen–Shannon) count in:
 * - categorical: every reference category (ascending), then each category only the current has
 *   (ascending): an unseen category is a bin of its own;
 * - numeric with at most `FEW_VALUES` distinct values in both: each value (ascending);
 * - other numerics: the stored decile bins (`edgeBins`).
 */
export function valueBins(sample: ColumnSample): ColumnBins {
  if (sample.type === 'numeric') {
    const counts = sample.reference.value_counts;
    if (counts === null || distinctValues(sample) > FEW_VALUES) return edgeBins(sample);
    const values = [...new Set([...Object.keys(counts).map(Number), ...sample.current])].sort((a, b) => a - b);
    const index = new Map(values.map((v, i) => [v, i]));
    const current = new Array<number>(values.length).fill(0);
    for (const v of sample.current) current[index.get(v) as number]++;
    return { labels: values.map(String), reference: values.map((v) => counts[String(v)] ?? 0), current };
  }
  const seen = Object.keys(sample.reference.counts).sort();
  const currentCounts = new Map<string, number>();
  for (const value of sample.current) currentCounts.set(value, (currentCounts.get(value) ?? 0) + 1);
  const unseen = [...currentCounts.keys()].filter((c) => sample.reference.counts[c] === undefined).sort();
  const labels = [...seen, ...unseen];
  return { labels, reference: labels.map((c) => sample.reference.counts[c] ?? 0), current: labels.map((c) => currentCounts.get(c) ?? 0) };
}

/**
 * The bins PSI and the numeric histograms use: a numeric column's stored reference-decile bins
 * (never recomputed from current data), a categorical column's value bins.
 */
export function edgeBins(sample: ColumnSample): ColumnBins {
  if (sample.type === 'categorical') return valueBins(sample);
  const edges = sample.reference.bin_edges;
  const labels =
    edges.length === 0
      ? ['all']
      : [`≤ ${label(edges[0])}`, ...edges.slice(1).map((e, j) => `(${label(edges[j])}, ${label(e)}]`), `> ${label(edges[edges.length - 1])}`];
  return { labels, reference: [...sample.reference.bin_counts], current: histogramCounts(sample.current, edges) };
}

function label(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
