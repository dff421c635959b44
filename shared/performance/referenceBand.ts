/**
 * The band a window's estimate is judged against, as NannyML's CBPE fits it
 * (`Metric.fit`: the realized metric on each reference chunk, then `StandardDeviationThreshold`
 * with `std_lower_multiplier = std_upper_multiplier = 3` and `calculate_threshold_values` with
 * the metric's limits 0 and 1): lower = mean − 3σ, upper = mean + 3σ over the chunks (`np.nanmean`,
 * `np.nanstd`: population σ, chunks whose metric is undefined left out), a lower at or below 0
 * becomes 0, an upper at or above 1 becomes 1.
 *
 * Chunks: consecutive runs of the window's row count over the stored reference (NannyML's
 * `SizeBasedChunker`; the reference is stored in a seeded shuffled order, so each chunk is a
 * random subset). Choices where NannyML differs or is silent: an incomplete last chunk is left
 * out (NannyML keeps it by default; here the window size changes from check to check, and a
 * chunk of a few rows would widen the band by its noise alone); when the reference holds fewer
 * than `min_reference_chunks` chunks of the window's size, chunks of ⌊rows / min_reference_chunks⌋
 * rows are used and σ is scaled by √(chunk rows / window rows).
 */
import { PERFORMANCE_METRICS, type PerformanceMetric, type PerformanceOptions, type ReferenceBandInfo } from './performanceSchemas.js';
import { realizedMetric, type LabeledRows } from './realizedMetric.js';

export interface MetricBand {
  readonly mean: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface ReferenceBand {
  readonly info: ReferenceBandInfo;
  readonly metrics: Readonly<Record<PerformanceMetric, MetricBand>>;
}

const NO_BAND: MetricBand = { mean: null, lower: null, upper: null };

export function referenceBand(reference: LabeledRows, windowRows: number, options: PerformanceOptions): ReferenceBand {
  const rows = reference.labels.length;
  const direct = windowRows > 0 && Math.floor(rows / windowRows) >= options.min_reference_chunks;
  const chunkRows = direct ? windowRows : windowRows > 0 ? Math.floor(rows / options.min_reference_chunks) : 0;
  const chunks = chunkRows > 0 ? Math.floor(rows / chunkRows) : 0;
  const scale = direct || chunkRows === 0 ? 1 : Math.sqrt(chunkRows / windowRows);
  const info: ReferenceBandInfo = { rows, chunk_rows: chunkRows, chunks, scaled: !direct && chunks > 0 };
  const realized = PERFORMANCE_METRICS.map((): number[] => []);
  for (let c = 0; c < chunks; c++) {
    const start = c * chunkRows;
    const chunk = slice(reference, start, start + chunkRows);
    PERFORMANCE_METRICS.forEach((metric, m) => realized[m].push(realizedMetric(metric, chunk)));
  }
  const metrics = Object.fromEntries(
    PERFORMANCE_METRICS.map((metric, m) => [metric, thresholds(realized[m], options.std_multiplier, scale)]),
  ) as Record<PerformanceMetric, MetricBand>;
  return { info, metrics };
}

/** StandardDeviationThreshold over the defined chunk values, σ scaled, clipped to [0, 1] as `calculate_threshold_values`. */
function thresholds(values: readonly number[], multiplier: number, scale: number): MetricBand {
  const defined = values.filter((v) => !Number.isNaN(v));
  if (defined.length === 0) return NO_BAND;
  const mean = defined.reduce((a, b) => a + b, 0) / defined.length;
  const std = Math.sqrt(defined.reduce((a, v) => a + (v - mean) ** 2, 0) / defined.length) * scale;
  const lower = mean - multiplier * std;
  const upper = mean + multiplier * std;
  return { mean, lower: lower <= 0 ? 0 : lower, upper: upper >= 1 ? 1 : upper };
}

function slice(rows: LabeledRows, start: number, end: number): LabeledRows {
  const part = (values: ArrayLike<number>) => Array.prototype.slice.call(values, start, end) as number[];
  return { scores: part(rows.scores), predicted: part(rows.predicted), labels: part(rows.labels) };
}
