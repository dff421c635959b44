/**
 * How the report writes numbers: 4 significant digits (`0.1234`, `12.35`, `1.234e-7`), `—` for a
 * missing value (a distance's p-value, the statistic of an `insufficient_data` column), and shares
 * as percentages with 1 decimal (`12.5%`). The results are plain text, still to be escaped.
 */
export const MISSING = '—';

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return MISSING;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return String(Number(value.toPrecision(4)));
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
