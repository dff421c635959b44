import { escapeHtml } from '../drift/report/escapeHtml.js';
import { alertsSection } from './alertsSection.js';
import { CONSOLE_STYLE } from './consoleStyle.js';
import type { ConsoleView } from './consoleViewSchema.js';
import { decisionsSection } from './decisionsSection.js';
import { driftSection } from './driftSection.js';
import { headerSection } from './headerSection.js';
import { qualitySection } from './qualitySection.js';
import { timelineSection } from './timelineSection.js';
import { trafficSection } from './trafficSection.js';

/**
 * What the page allows itself: nothing but its own inline style. No script, image, font, frame or
 * fetch can load, even if some markup slipped through; links and the meta refresh still work.
 */
export const CONSOLE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The console as ONE self-contained HTML document: an inline `<style>`, inline SVG plots, NO
 * script and no external resource (the only links are relative: section anchors and
 * `/reports/<id>`), a Content-Security-Policy that forbids loading anything, and
 * `<meta http-equiv="refresh" content="<refresh_seconds>">` so that it reloads itself. Sections,
 * in order, each a `<section class="panel" data-section="…">` with its own empty state: the
 * header (production), `timeline`, `drift`, `decisions`, `quality`, `traffic`, `alerts`. Every
 * string from the view is escaped (`escapeHtml`). Pure: the same view gives the same page.
 */
export function renderConsole(view: ConsoleView): string {
  const title = view.production === null ? 'Console · no production model' : `Console · ${view.production.version} in production`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONSOLE_CSP}">`,
    `<meta http-equiv="refresh" content="${escapeHtml(String(view.refresh_seconds))}">`,
    '<meta name="viewport" content="width=1200">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CONSOLE_STYLE}</style>`,
    '</head><body><main>',
    headerSection(view),
    timelineSection(view.timeline),
    driftSection(view.drift),
    decisionsSection(view.decisions),
    qualitySection(view.quality),
    trafficSection(view.traffic),
    alertsSection(view.alerts),
    `<footer>Generated ${escapeHtml(view.generated_at)} · this page reloads itself every ${escapeHtml(String(view.refresh_seconds))} s</footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
