import { escapeHtml } from '../drift/report/escapeHtml.js';
import { formatAxisTime, formatInstant, instantMs } from './instants.js';
import { svgNumber as n } from './svgNumber.js';

/** One line: a name (shown in the legend and the point titles) and its points, in any order. */
export interface LineSeries {
  readonly name: string;
  readonly points: ReadonlyArray<{ readonly at: string; readonly value: number }>;
}

export interface LineChartOptions {
  /** What the chart shows, from the renderer (not data): `data-plot="…"`. */
  readonly plot: string;
  /** The accessible label (escaped). */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  /** How a value is written on the axis and in the titles (plain text, escaped here). */
  readonly format: (value: number) => string;
  /** The y axis starts at 0 (rates, latencies) rather than at the smallest value. */
  readonly fromZero?: boolean;
}

/** The colours of the series, in order (Tableau 10); the 11th series takes the first again. */
export const SERIES_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];

/** Room around the plot area: y labels on the left, the legend on top, the x labels below. */
const MARGIN = { left: 64, right: 14, top: 26, bottom: 26 };
const POINT_RADIUS = 2.5;

/**
 * The labelled [low, high] (the values' min and max, low at most 0 when `fromZero`) and the drawn
 * range: 6% wider on each side (not below a 0 low), or ±10% (±1 for 0) when flat, so that no line
 * runs along the frame.
 */
function valueRange(values: readonly number[], fromZero: boolean): { low: number; high: number; drawnLow: number; drawnHigh: number } {
  const low = fromZero ? Math.min(0, ...values) : Math.min(...values);
  const high = Math.max(...values);
  const pad = high > low ? (high - low) * 0.06 : Math.abs(high) * 0.1 || 1;
  return { low, high, drawnLow: fromZero && low === 0 ? 0 : low - pad, drawnHigh: high + pad };
}

/**
 * A small line chart as an inline SVG (`<svg class="plot" data-plot="…">`), x = time (UTC), y =
 * value. Each series is one `<g class="series" data-series="name">` holding one `<polyline>`
 * through its points in time order (points whose time does not parse or whose value is not finite
 * are left out) and one `<circle class="point">` per point, each with a `<title>`
 * (`series · time · value`). The axes carry min/max labels for both time and value (and the
 * middle time on a wide chart), with light grid lines at the min and max. Several series share
 * one y range; a legend on top names them when there are two or more. Every name is escaped;
 * coordinates have 1 decimal. An empty chart (no point at all) is an empty string: the caller
 * shows its empty state instead.
 */
export function lineChartSvg(series: readonly LineSeries[], options: LineChartOptions): string {
  const lines = series
    .map((s) => ({
      name: s.name,
      points: s.points
        .map((p) => ({ at: p.at, ms: instantMs(p.at), value: p.value }))
        .filter((p) => Number.isFinite(p.ms) && Number.isFinite(p.value))
        .sort((a, b) => a.ms - b.ms),
    }))
    .filter((s) => s.points.length > 0);
  const all = lines.flatMap((s) => s.points);
  if (all.length === 0) return '';

  const { width, height, format } = options;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const [t0, t1] = [Math.min(...all.map((p) => p.ms)), Math.max(...all.map((p) => p.ms))];
  const range = valueRange(all.map((p) => p.value), options.fromZero ?? false);
  const [v0, v1] = [range.drawnLow, range.drawnHigh];
  const x = (ms: number) => (t1 === t0 ? (plot.left + plot.right) / 2 : plot.left + ((ms - t0) / (t1 - t0)) * (plot.right - plot.left));
  const y = (value: number) => plot.bottom - ((value - v0) / (v1 - v0)) * (plot.bottom - plot.top);

  const drawn = lines.map((line, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    const coordinates = line.points.map((p) => `${n(x(p.ms))},${n(y(p.value))}`);
    const circles = line.points
      .map((p, k) => {
        const title = escapeHtml(`${line.name} · ${formatInstant(p.at)} · ${format(p.value)}`);
        const [cx, cy] = coordinates[k].split(',');
        return `<circle class="point" cx="${cx}" cy="${cy}" r="${POINT_RADIUS}"><title>${title}</title></circle>`;
      })
      .join('');
    return (
      `<g class="series" data-series="${escapeHtml(line.name)}" stroke="${colour}" fill="${colour}">` +
      `<polyline points="${coordinates.join(' ')}" fill="none" stroke-width="1.5" stroke-linejoin="round"/>${circles}</g>`
    );
  });

  const label = (tx: number, ty: number, anchor: string, text: string) =>
    `<text x="${n(tx)}" y="${n(ty)}" text-anchor="${anchor}">${escapeHtml(text)}</text>`;
  const axes = [
    ...[range.low, range.high].map((v) => `<path d="M${plot.left - 4} ${n(y(v))}H${plot.right}" stroke="#e5e7eb"/>`),
    `<path d="M${plot.left} ${plot.top}V${plot.bottom}H${plot.right}" fill="none" stroke="#888"/>`,
    `<g fill="#444">`,
    label(plot.left - 7, y(range.high) + 4, 'end', format(range.high)),
    label(plot.left - 7, y(range.low) + 4, 'end', format(range.low)),
    label(plot.left, plot.bottom + 15, 'start', formatAxisTime(t0)),
    ...(t1 > t0 ? [label(plot.right, plot.bottom + 15, 'end', formatAxisTime(t1))] : []),
    ...(t1 - t0 > 0 && plot.right - plot.left > 500 ? [label(x((t0 + t1) / 2), plot.bottom + 15, 'middle', formatAxisTime((t0 + t1) / 2))] : []),
    `</g>`,
  ].join('');

  return [
    `<svg class="plot" data-plot="${options.plot}" role="img" aria-label="${escapeHtml(options.label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif" font-size="11">`,
    axes,
    lines.length > 1 ? legend(lines.map((l) => l.name), plot.left, plot.right) : '',
    ...drawn,
    '</svg>',
  ].join('');
}

/** Legend items from the left, on one row above the plot; names that do not fit are left to the point titles. */
function legend(names: readonly string[], left: number, right: number): string {
  let cursor = left;
  const items: string[] = [];
  names.forEach((name, i) => {
    const width = 22 + name.length * 6.5;
    if (cursor + width > right) return;
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    items.push(
      `<rect x="${n(cursor)}" y="6" width="12" height="4" fill="${colour}"/>` +
        `<text x="${n(cursor + 16)}" y="12" fill="#333">${escapeHtml(name)}</text>`,
    );
    cursor += width + 12;
  });
  return `<g class="legend">${items.join('')}</g>`;
}
