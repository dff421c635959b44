import { escapeHtml } from '../drift/report/escapeHtml.js';
import type { ConsoleDecision } from './consoleViewSchema.js';
import { formatInstant } from './instants.js';
import { emptyState, htmlTable, panel } from './panel.js';

/** At most this many decisions are shown (the first ones: the view lists them newest first). */
export const MAX_DECISIONS = 20;

/**
 * The "Drift decisions" section: one `<tr class="decision" data-action="…">` per decision in the
 * view's order (newest first), at most {@link MAX_DECISIONS}: time, model, action, every reason
 * (a list), and whether a retrain was requested. Empty state: `no drift decision yet`. Every text
 * from data is escaped.
 */
export function decisionsSection(decisions: readonly ConsoleDecision[]): string {
  if (decisions.length === 0) return panel('decisions', 'Drift decisions', emptyState('decisions', 'no drift decision yet'));
  const rows = decisions.slice(0, MAX_DECISIONS).map((decision) => ({
    attributes: `class="decision" data-action="${escapeHtml(decision.action)}"`,
    cells: [
      `<span class="time">${escapeHtml(formatInstant(decision.decided_at))}</span>`,
      escapeHtml(decision.model_version),
      `<span class="action action-${decision.action === 'retrain' ? 'retrain' : 'other'}">${escapeHtml(decision.action)}</span>`,
      decision.reasons.length === 0
        ? '<span class="muted">—</span>'
        : `<ul class="reasons">${decision.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`,
      decision.train_requested ? '<span class="bad">yes</span>' : 'no',
    ],
  }));
  return panel('decisions', 'Drift decisions', htmlTable('decisions', ['time', 'model', 'action', 'reasons', 'retrain requested'], rows));
}
