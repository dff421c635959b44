import { escapeHtml } from '../drift/report/escapeHtml.js';
import type { TimelineEvent, TimelineKind } from './consoleViewSchema.js';
import { formatAxisTime, formatInstant, instantMs } from './instants.js';
import { svgNumber as n } from './svgNumber.js';

/** Size of the timeline, in CSS pixels. */
export const TIMELINE_WIDTH = 1100;
/** The kinds in lane order, top to bottom, with their colour, shape and label. */
export const TIMELINE_KINDS: ReadonlyArray<{ readonly kind: TimelineKind; readonly colour: string; readonly label: string }> = [
  { kind: 'registered', colour: '#78909c', label: 'registered' },
  { kind: 'promoted', colour: '#2e7d32', label: 'promoted' },
  { kind: 'rejected', colour: '#c62828', label: 'rejected' },
  { kind: 'rolled_back', colour: '#ef6c00', label: 'rolled back' },
];
/** Markers closer than this (centre to centre, along x) are pushed apart, keeping their time order. */
export const MIN_MARKER_GAP = 14;

const LANE_HEIGHT = 30;
const PLOT = { left: 96, right: TIMELINE_WIDTH - 36, top: 12 };
const AXIS_Y = PLOT.top + TIMELINE_KINDS.length * LANE_HEIGHT + 4;
export const TIMELINE_HEIGHT = AXIS_Y + 34;
const TICKS = 6;
/** A version label is drawn above a marker only when the next marker in its lane is at least this far. */
const LABEL_ROOM = 44;

/** A marker's shape around (x, y): circle, triangle up, square, triangle down, by kind. */
function shape(kind: TimelineKind, x: number, y: number, colour: string): string {
  switch (kind) {
    case 'registered':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="5.5" fill="${colour}"/>`;
    case 'promoted':
      return `<polygon points="${n(x)},${n(y - 7)} ${n(x + 7)},${n(y + 5)} ${n(x - 7)},${n(y + 5)}" fill="${colour}"/>`;
    case 'rejected':
      return `<rect x="${n(x - 5)}" y="${n(y - 5)}" width="10" height="10" fill="${colour}"/>`;
    case 'rolled_back':
      return `<polygon points="${n(x - 7)},${n(y - 5)} ${n(x + 7)},${n(y - 5)} ${n(x)},${n(y + 7)}" fill="${colour}"/>`;
  }
}

const EDGE_PAD = 10;

/** Time to x over [left, right], {@link EDGE_PAD} in from each edge; a single instant sits in the middle. */
function timeScale(t0: number, t1: number, left: number, right: number): (t: number) => number {
  return (t) => (t1 === t0 ? (left + right) / 2 : left + EDGE_PAD + ((t - t0) / (t1 - t0)) * (right - left - 2 * EDGE_PAD));
}

/**
 * Places markers for `times` (oldest first): proportional to time over [left, right], then pushed
 * apart to at least {@link MIN_MARKER_GAP} (less when they cannot all fit), forward, then back from
 * the right edge, so that x strictly follows time and stays inside the plot.
 */
export function markerPositions(times: readonly number[], left: number, right: number): number[] {
  const xs = times.map(timeScale(Math.min(...times), Math.max(...times), left, right));
  const gap = Math.min(MIN_MARKER_GAP, times.length > 1 ? (right - left) / (times.length - 1) : MIN_MARKER_GAP);
  for (let i = 1; i < xs.length; i++) xs[i] = Math.max(xs[i], xs[i - 1] + gap);
  xs[xs.length - 1] = Math.min(xs[xs.length - 1], right);
  for (let i = xs.length - 2; i >= 0; i--) xs[i] = Math.min(xs[i], xs[i + 1] - gap);
  return xs;
}

/**
 * The version timeline as an inline SVG (`<svg class="timeline">`): a horizontal time axis (UTC)
 * with {@link TICKS} labelled ticks, one lane per kind (labelled on the left), and one marker per
 * event — `<g class="timeline-event" data-kind data-version data-at>` holding a `<title>`
 * (version, kind, time, reason, actor) and the shape, coloured and shaped by kind. Events are
 * drawn oldest first whatever their order in `events` (ties keep it); markers that would overlap
 * are pushed apart (see {@link markerPositions}). Every text from data is escaped. Empty events
 * give an empty string.
 */
export function timelineSvg(events: readonly TimelineEvent[]): string {
  const ordered = events
    .map((event, i) => ({ event, ms: instantMs(event.at), i }))
    .filter((e) => Number.isFinite(e.ms))
    .sort((a, b) => a.ms - b.ms || a.i - b.i);
  if (ordered.length === 0) return '';
  const xs = markerPositions(ordered.map((e) => e.ms), PLOT.left, PLOT.right);
  const laneOf = (kind: TimelineKind) => TIMELINE_KINDS.findIndex((k) => k.kind === kind);
  const laneY = (lane: number) => PLOT.top + lane * LANE_HEIGHT + LANE_HEIGHT / 2 + 4;

  const lanes = TIMELINE_KINDS.map(({ label, colour }, lane) => {
    const y = laneY(lane);
    return (
      `<path d="M${PLOT.left} ${n(y)}H${PLOT.right}" stroke="#eee"/>` +
      `<text x="${PLOT.left - 10}" y="${n(y + 4)}" text-anchor="end" fill="${colour}" font-weight="600">${label}</text>`
    );
  }).join('');

  const [t0, t1] = [ordered[0].ms, ordered[ordered.length - 1].ms];
  const scale = timeScale(t0, t1, PLOT.left, PLOT.right);
  const tickTimes = t1 > t0 ? Array.from({ length: TICKS }, (_, k) => t0 + ((t1 - t0) * k) / (TICKS - 1)) : [t0];
  const ticks = tickTimes
    .map((t) => {
      const tx = n(scale(t));
      return `<path d="M${tx} ${AXIS_Y}v5" stroke="#888"/><text x="${tx}" y="${AXIS_Y + 18}" text-anchor="middle">${formatAxisTime(t)}</text>`;
    })
    .join('');

  const markers = ordered.map(({ event }, i) => {
    const { colour } = TIMELINE_KINDS[laneOf(event.kind)];
    const y = laneY(laneOf(event.kind));
    const by = event.actor === null ? '' : ` · by ${event.actor}`;
    const title = escapeHtml(`${event.version} · ${event.kind.replace('_', ' ')} · ${formatInstant(event.at)}${by}\n${event.reason}`);
    const attributes = `data-kind="${escapeHtml(event.kind)}" data-version="${escapeHtml(event.version)}" data-at="${escapeHtml(event.at)}"`;
    return `<g class="timeline-event" ${attributes}><title>${title}</title>${shape(event.kind, xs[i], y, colour)}</g>`;
  });

  const labels = ordered
    .map(({ event }, i) => {
      const next = ordered.findIndex((later, k) => k > i && later.event.kind === event.kind);
      if (next !== -1 && xs[next] - xs[i] < LABEL_ROOM) return '';
      return `<text x="${n(xs[i])}" y="${n(laneY(laneOf(event.kind)) - 9)}" text-anchor="middle">${escapeHtml(event.version)}</text>`;
    })
    .join('');

  return [
    `<svg class="timeline" role="img" aria-label="Version timeline" width="${TIMELINE_WIDTH}" height="${TIMELINE_HEIGHT}" viewBox="0 0 ${TIMELINE_WIDTH} ${TIMELINE_HEIGHT}" font-family="system-ui,sans-serif" font-size="11">`,
    lanes,
    `<path d="M${PLOT.left} ${AXIS_Y}H${PLOT.right}" stroke="#888"/>`,
    `<g fill="#444">${ticks}</g>`,
    `<g class="version-labels" fill="#333" font-size="10">${labels}</g>`,
    ...markers,
    '</svg>',
  ].join('');
}
