import { escapeHtml } from '../drift/report/escapeHtml.js';
import type { ConsoleView } from './consoleViewSchema.js';
import { formatDuration, formatInstant } from './instants.js';
import { emptyState } from './panel.js';

/** The sections in page order, for the navigation: anchor id and label. */
export const SECTION_LINKS: ReadonlyArray<readonly [string, string]> = [
  ['timeline', 'Versions'],
  ['drift', 'Drift'],
  ['decisions', 'Decisions'],
  ['quality', 'Live quality'],
  ['traffic', 'Traffic'],
  ['alerts', 'Alerts'],
];

/**
 * The page header: the title with when the data was gathered and how often the page reloads, the
 * production card (`<div class="production" data-version="…">`: version, since — with how long
 * before `generated_at` —, reason, actor; empty state `no production model yet`) and links to the
 * sections. Every text from data is escaped.
 */
export function headerSection(view: ConsoleView): string {
  const { production } = view;
  const card =
    production === null
      ? `<div class="production none">${emptyState('production', 'no production model yet')}</div>`
      : [
          `<div class="production" data-version="${escapeHtml(production.version)}">`,
          `<div class="label">in production</div><div class="version">${escapeHtml(production.version)}</div>`,
          `<div class="since">since ${escapeHtml(formatInstant(production.since))} ` +
            `<span class="muted">(${escapeHtml(formatDuration(production.since, view.generated_at))})</span> · by ${escapeHtml(production.actor)}</div>`,
          `<div class="reason">${escapeHtml(production.reason)}</div>`,
          '</div>',
        ].join('');
  const nav = SECTION_LINKS.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('');
  return [
    '<header class="top">',
    `<div class="title"><h1>Model lifecycle console</h1><p class="muted">automl-lifecycle-monitor · data of ${escapeHtml(formatInstant(view.generated_at))} · ` +
      `reloads every ${escapeHtml(String(view.refresh_seconds))} s</p><nav>${nav}</nav></div>`,
    card,
    '</header>',
  ].join('\n');
}
