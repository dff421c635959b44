import type { ColumnDrift } from '../driftResult.js';
import { escapeHtml } from './escapeHtml.js';

/** Size of every histogram, in CSS pixels. */
export const HISTOGRAM_WIDTH = 480;
export const HISTOGRAM_HEIGHT = 220;
/** At most this many bin labels are drawn under the axis; the others are skipped evenly. */
export const MAX_BIN_LABELS = 12;
/** Bin labels longer than this are cut, with an ellipsis. */
export const MAX_LABEL_LENGTH = 16;

export const REFERENCE_FILL = '#4c78a8';
export const CURRENT_FILL = '#f58518';

/** The plot area; the room below it holds the bin labels, slanted at 45° (16 characters of 10px text drop about 62px). */
const PLOT = { left: 64, right: HISTOGRAM_WIDTH - 8, top: 26, bottom: HISTOGRAM_HEIGHT - 76 };

/** Rounds to 1 decimal for the markup (drops a trailing `.0`), which keeps the SVG small. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Each count as a share of its side's total; all zeros when the side is empty. */
function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Indices of the bins whose label is drawn: all when there are few, else evenly spaced, first and last included. */
export function labelledBins(bins: number, most = MAX_BIN_LABELS): number[] {
  if (bins <= most) return Array.from({ length: bins }, (_, i) => i);
  const step = (bins - 1) / (most - 1);
  return [...new Set(Array.from({ length: most }, (_, k) => Math.round(k * step)))];
}

function shorten(label: string): string {
  return label.length > MAX_LABEL_LENGTH ? `${label.slice(0, MAX_LABEL_LENGTH - 1)}…` : label;
}

/**
 * An inline SVG of one column's reference and current histograms, OVERLAID: every bin has one
 * bar per side, of the same width and at the same place, drawn in two fills with opacity so the
 * overlap shows (numeric and categorical columns alike; for categories the bins are simply the
 * categories in the result's order, an unseen category being one more bin). Heights are shares of
 * each side's total, so windows of different sizes compare. The y axis runs from 0 to the largest
 * share; at most {@link MAX_BIN_LABELS} bin labels are drawn, slanted at 45°, cut at
 * {@link MAX_LABEL_LENGTH} characters. The name and every label are escaped; coordinates have 1 decimal.
 */
export function histogramSvg(name: string, histogram: ColumnDrift['histogram']): string {
  const { bins } = histogram;
  const reference = shares(histogram.reference);
  const current = shares(histogram.current);
  const top = Math.max(0, ...reference, ...current) || 1;
  const plotWidth = PLOT.right - PLOT.left;
  const plotHeight = PLOT.bottom - PLOT.top;
  const slot = plotWidth / Math.max(1, bins.length);
  const barWidth = Math.max(1, slot * 0.85);
  const x = (i: number) => PLOT.left + i * slot + (slot - barWidth) / 2;
  const bars = (values: number[]) =>
    values
      .map((share, i) => ({ share, i }))
      .filter(({ share }) => share > 0)
      .map(({ share, i }) => {
        const h = (share / top) * plotHeight;
        return `<rect x="${n(x(i))}" y="${n(PLOT.bottom - h)}" width="${n(barWidth)}" height="${n(h)}"/>`;
      })
      .join('');
  const labels = labelledBins(bins.length)
    .map((i) => {
      const cx = n(PLOT.left + (i + 0.5) * slot);
      const y = n(PLOT.bottom + 10);
      return `<text x="${cx}" y="${y}" transform="rotate(-45 ${cx} ${y})" text-anchor="end">${escapeHtml(shorten(bins[i]))}</text>`;
    })
    .join('');
  const label = escapeHtml(`Histogram of ${name}: reference and current shares per bin`);
  return [
    `<svg class="histogram" role="img" aria-label="${label}" width="${HISTOGRAM_WIDTH}" height="${HISTOGRAM_HEIGHT}" viewBox="0 0 ${HISTOGRAM_WIDTH} ${HISTOGRAM_HEIGHT}" font-family="sans-serif" font-size="10">`,
    `<g fill="${REFERENCE_FILL}" fill-opacity="0.5">${bars(reference)}</g>`,
    `<g fill="${CURRENT_FILL}" fill-opacity="0.5">${bars(current)}</g>`,
    `<path d="M${PLOT.left} ${PLOT.top}V${PLOT.bottom}H${PLOT.right}" fill="none" stroke="#555"/>`,
    `<text x="${PLOT.left - 4}" y="${PLOT.top + 4}" text-anchor="end">${n(top * 100)}%</text>`,
    `<text x="${PLOT.left - 4}" y="${PLOT.bottom}" text-anchor="end">0%</text>`,
    `<text x="10" y="${n((PLOT.top + PLOT.bottom) / 2)}" transform="rotate(-90 10 ${n((PLOT.top + PLOT.bottom) / 2)})" text-anchor="middle">share</text>`,
    `<g fill="#333">${labels}</g>`,
    legend(),
    '</svg>',
  ].join('');
}

function legend(): string {
  const item = (x: number, fill: string, text: string) =>
    `<rect x="${x}" y="6" width="10" height="10" fill="${fill}" fill-opacity="0.5"/><text x="${x + 14}" y="15">${text}</text>`;
  return item(PLOT.right - 130, REFERENCE_FILL, 'reference') + item(PLOT.right - 60, CURRENT_FILL, 'current');
}
