import { escapeHtml } from '../drift/report/escapeHtml.js';
import type { TimelineEvent } from './consoleViewSchema.js';
import { formatInstant, instantMs } from './instants.js';
import { emptyState, htmlTable, panel } from './panel.js';
import { timelineSvg } from './timelineSvg.js';

/** The kind as the table writes it, in a badge coloured by kind (`class="kind kind-<kind>"`). */
function kindBadge(kind: TimelineEvent['kind']): string {
  return `<span class="kind kind-${escapeHtml(kind)}">${escapeHtml(kind.replace('_', ' '))}</span>`;
}

/**
 * The "Versions" section: the timeline SVG (oldest left) and a table of the same events NEWEST
 * first (`<tr class="timeline-row" data-kind="…">`: time, version, event, actor, reason), or the
 * empty state `no version events yet`. Every text from data is escaped.
 */
export function timelineSection(events: readonly TimelineEvent[]): string {
  if (events.length === 0) return panel('timeline', 'Versions', emptyState('timeline', 'no version events yet'));
  const newestFirst = events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => instantMs(b.event.at) - instantMs(a.event.at) || b.i - a.i)
    .map(({ event }) => event);
  const rows = newestFirst.map((event) => ({
    attributes: `class="timeline-row" data-kind="${escapeHtml(event.kind)}"`,
    cells: [
      `<span class="time">${escapeHtml(formatInstant(event.at))}</span>`,
      `<strong>${escapeHtml(event.version)}</strong>`,
      kindBadge(event.kind),
      event.actor === null ? '<span class="muted">—</span>' : `<span class="actor">${escapeHtml(event.actor)}</span>`,
      `<span class="reason">${escapeHtml(event.reason)}</span>`,
    ],
  }));
  const body = [
    `<p class="note">One marker per event, oldest on the left (times in UTC); hover a marker for its reason.</p>`,
    `<div class="figure">${timelineSvg(events)}</div>`,
    htmlTable('timeline-events', ['time', 'version', 'event', 'actor', 'reason'], rows),
  ].join('\n');
  return panel('timeline', 'Versions', body);
}
