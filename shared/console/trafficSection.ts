import { escapeHtml } from '../drift/report/escapeHtml.js';
import { formatNumber, formatShare } from '../drift/report/formatValue.js';
import type { ConsoleTraffic } from './consoleViewSchema.js';
import { lineChartSvg } from './lineChartSvg.js';
import { emptyState, panel } from './panel.js';

/** Each traffic plot; three side by side fill the panel. */
export const TRAFFIC_WIDTH = 356;
export const TRAFFIC_HEIGHT = 190;

const PLOTS = [
  { plot: 'request-rate', title: 'Request rate', format: (v: number) => `${formatNumber(v)}/s`, value: (p: ConsoleTraffic['points'][number]) => p.request_rate },
  { plot: 'p95-latency', title: 'p95 latency', format: (v: number) => `${formatNumber(v * 1000)} ms`, value: (p: ConsoleTraffic['points'][number]) => p.p95_seconds },
  { plot: 'error-rate', title: 'Error rate', format: formatShare, value: (p: ConsoleTraffic['points'][number]) => p.error_rate },
] as const;

/**
 * The "Traffic" section, from the metrics sidecar: three line charts side by side —
 * `data-plot="request-rate"` (requests/s), `"p95-latency"` (ms; points without a p95 are left
 * out) and `"error-rate"` (%) — each in a `<figure>` with its caption, all y axes from 0. When
 * traffic is not available, the `note` (or `traffic metrics are not available`) is the empty
 * state; with no point, `no traffic recorded yet`. A note next to available traffic is shown
 * above the plots. Every text from data is escaped.
 */
export function trafficSection(traffic: ConsoleTraffic): string {
  if (!traffic.available) return panel('traffic', 'Traffic', emptyState('traffic', traffic.note ?? 'traffic metrics are not available'));
  if (traffic.points.length === 0) return panel('traffic', 'Traffic', emptyState('traffic', traffic.note ?? 'no traffic recorded yet'));
  const figures = PLOTS.map(({ plot, title, format, value }) => {
    const points = traffic.points.flatMap((p) => {
      const v = value(p);
      return v === null ? [] : [{ at: p.at, value: v }];
    });
    const chart = lineChartSvg([{ name: title, points }], {
      plot,
      label: `${title} over time`,
      width: TRAFFIC_WIDTH,
      height: TRAFFIC_HEIGHT,
      format,
      fromZero: true,
    });
    return `<figure class="traffic-plot"><figcaption>${title}</figcaption>${chart || emptyState(plot, 'no data')}</figure>`;
  });
  const note = traffic.note === null ? '' : `<p class="note">${escapeHtml(traffic.note)}</p>\n`;
  return panel('traffic', 'Traffic', `${note}<div class="figures">${figures.join('')}</div>`);
}
