import { escapeHtml } from '../drift/report/escapeHtml.js';
import { formatNumber } from '../drift/report/formatValue.js';
import type { QualityPoint } from './consoleViewSchema.js';
import { formatInstant, instantMs } from './instants.js';
import { lineChartSvg, type LineSeries } from './lineChartSvg.js';
import { emptyState, panel } from './panel.js';

export const QUALITY_WIDTH = 1100;
export const QUALITY_HEIGHT = 240;

/** The series name of a point: `<model_version> · <metric>`. */
export function qualitySeriesName(point: Pick<QualityPoint, 'model_version' | 'metric'>): string {
  return `${point.model_version} · ${point.metric}`;
}

/** One series per model version and metric, in the order they first appear. */
export function qualitySeries(points: readonly QualityPoint[]): LineSeries[] {
  const byName = new Map<string, { at: string; value: number }[]>();
  for (const point of points) {
    const name = qualitySeriesName(point);
    byName.set(name, [...(byName.get(name) ?? []), { at: point.at, value: point.value }]);
  }
  return [...byName].map(([name, series]) => ({ name, points: series }));
}

/**
 * The "Live quality" section: one line chart (`data-plot="quality"`) with a series per model
 * version and metric, then the latest measurement of each series (value, labeled rows, time).
 * Empty state: `no live quality measured yet`. Every text from data is escaped.
 */
export function qualitySection(points: readonly QualityPoint[]): string {
  const chart = lineChartSvg(qualitySeries(points), {
    plot: 'quality',
    label: 'Live quality over time, one line per model version and metric',
    width: QUALITY_WIDTH,
    height: QUALITY_HEIGHT,
    format: formatNumber,
  });
  if (chart === '') return panel('quality', 'Live quality', emptyState('quality', 'no live quality measured yet'));
  const latest = new Map<string, QualityPoint>();
  for (const point of points) {
    const name = qualitySeriesName(point);
    const seen = latest.get(name);
    if (!seen || instantMs(point.at) >= instantMs(seen.at)) latest.set(name, point);
  }
  const items = [...latest]
    .map(
      ([name, point]) =>
        `<li><strong>${escapeHtml(name)}</strong> ${escapeHtml(formatNumber(point.value))} ` +
        `<span class="muted">on ${escapeHtml(String(point.rows))} labeled rows, ${escapeHtml(formatInstant(point.at))}</span></li>`,
    )
    .join('');
  const body = [
    '<p class="note">The production metric on labeled predictions, measured at each drift check (times in UTC).</p>',
    `<div class="figure">${chart}</div>`,
    `<ul class="latest">${items}</ul>`,
  ].join('\n');
  return panel('quality', 'Live quality', body);
}
