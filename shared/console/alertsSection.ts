import { escapeHtml } from '../drift/report/escapeHtml.js';
import type { ConsoleAlert } from './consoleViewSchema.js';
import { formatInstant } from './instants.js';
import { emptyState, htmlTable, panel } from './panel.js';

/** At most this many alerts are shown (the first ones: the view lists them newest first). */
export const MAX_ALERTS = 50;

/**
 * The "Recent alerts" section: one `<tr class="alert" data-status="firing|resolved">` per alert in
 * the view's order (newest first), at most {@link MAX_ALERTS}: received, status, name, severity,
 * summary, started. Empty state: `no alert received`. Every text from data is escaped.
 */
export function alertsSection(alerts: readonly ConsoleAlert[]): string {
  if (alerts.length === 0) return panel('alerts', 'Recent alerts', emptyState('alerts', 'no alert received'));
  const dash = '<span class="muted">—</span>';
  const rows = alerts.slice(0, MAX_ALERTS).map((alert) => ({
    attributes: `class="alert" data-status="${escapeHtml(alert.status)}"`,
    cells: [
      `<span class="time">${escapeHtml(formatInstant(alert.received_at))}</span>`,
      `<span class="status status-${escapeHtml(alert.status)}">${escapeHtml(alert.status)}</span>`,
      `<strong>${escapeHtml(alert.name)}</strong>`,
      alert.severity === null ? dash : escapeHtml(alert.severity),
      alert.summary === null ? dash : `<span class="summary">${escapeHtml(alert.summary)}</span>`,
      `<span class="time">${escapeHtml(formatInstant(alert.starts_at))}</span>`,
    ],
  }));
  return panel('alerts', 'Recent alerts', htmlTable('alerts', ['received', 'status', 'name', 'severity', 'summary', 'started'], rows));
}
