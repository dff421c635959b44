import { escapeHtml } from '../drift/report/escapeHtml.js';
import { formatNumber, formatShare } from '../drift/report/formatValue.js';
import type { ConsoleDrift } from './consoleViewSchema.js';
import { formatInstant } from './instants.js';
import { emptyState, htmlTable, panel } from './panel.js';

/** The relative link to a report's page: `/reports/<id>`, the id URI-encoded (then escaped for the attribute). */
export function reportHref(reportId: string): string {
  return `/reports/${encodeURIComponent(reportId)}`;
}

const yesNo = (flag: boolean, yes = 'yes') => (flag ? `<span class="bad">${yes}</span>` : '<span class="good">no</span>');

/**
 * The "Latest drift check" section: a summary (model, time, current rows, dataset drift, the
 * drifted share and count) with a link to the full report, then one `<tr data-column="…">` per
 * feature in the report's order (feature, test, score — `—` when null —, threshold, drifted,
 * status); a drifted row has `class="drifted"`. Empty state: `no drift check yet`. Every text from
 * data is escaped.
 */
export function driftSection(drift: ConsoleDrift | null): string {
  if (drift === null) return panel('drift', 'Latest drift check', emptyState('drift', 'no drift check yet'));
  const drifted = drift.columns.filter((c) => c.drifted).length;
  const summary = [
    ['model', `<strong>${escapeHtml(drift.model_version)}</strong>`],
    ['checked', escapeHtml(formatInstant(drift.generated_at))],
    ['current rows', escapeHtml(drift.current_rows.toLocaleString('en-US'))],
    ['dataset drift', yesNo(drift.dataset_drift)],
    ['drifted features', `${drifted} of ${drift.columns.length} (share ${escapeHtml(formatShare(drift.drift_share))})`],
    ['report', `<a class="report-link" href="${escapeHtml(reportHref(drift.report_id))}">${escapeHtml(drift.report_id)}</a>`],
  ]
    .map(([term, html]) => `<div><dt>${term}</dt><dd>${html}</dd></div>`)
    .join('');
  const rows = drift.columns.map((column) => ({
    attributes: `data-column="${escapeHtml(column.name)}"${column.drifted ? ' class="drifted"' : ''}`,
    cells: [
      `<strong>${escapeHtml(column.name)}</strong>`,
      escapeHtml(column.stattest),
      `<span class="num">${escapeHtml(formatNumber(column.score))}</span>`,
      `<span class="num">${escapeHtml(formatNumber(column.threshold))}</span>`,
      yesNo(column.drifted, 'drift'),
      column.status === 'ok' ? escapeHtml(column.status) : `<span class="warn">${escapeHtml(column.status.replace(/_/g, ' '))}</span>`,
    ],
  }));
  const table =
    drift.columns.length === 0
      ? emptyState('drift-columns', 'the report has no feature')
      : htmlTable('drift-columns', ['feature', 'test', 'score', 'threshold', 'drifted', 'status'], rows);
  return panel('drift', 'Latest drift check', `<dl class="facts">${summary}</dl>\n${table}`);
}
