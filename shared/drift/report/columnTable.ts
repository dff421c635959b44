import type { ColumnDrift } from '../driftResult.js';
import { escapeHtml } from './escapeHtml.js';
import { MISSING, formatNumber, formatShare } from './formatValue.js';

/** What the drift cell says: `drift`, `no drift`, or `insufficient data` (never drift). */
export function driftVerdict(column: ColumnDrift): string {
  if (column.status === 'insufficient_data') return 'insufficient data';
  return column.drift ? 'drift' : 'no drift';
}

function verdictClass(column: ColumnDrift): string {
  if (column.status === 'insufficient_data') return 'insufficient';
  return column.drift ? 'drift' : 'ok';
}

const HEADER =
  '<thead><tr><th>column</th><th>type</th><th>test</th><th>statistic</th><th>threshold</th>' +
  '<th>p-value</th><th>drift</th><th>missing ref / cur</th></tr></thead>';

/**
 * One `<tr data-column="…">` per column, in the given order: name, type, test, statistic,
 * threshold, p-value (`—` for distances and for `insufficient_data`), the verdict, and the missing
 * shares of reference and current. Every text from data is escaped.
 */
export function columnRow(name: string, column: ColumnDrift): string {
  const checked = column.status === 'checked';
  const cells = [
    name,
    column.type,
    column.stattest,
    checked ? formatNumber(column.statistic) : MISSING,
    formatNumber(column.threshold),
    checked ? formatNumber(column.p_value) : MISSING,
  ].map((text) => `<td>${escapeHtml(text)}</td>`);
  const verdict = `<td class="${verdictClass(column)}">${driftVerdict(column)}</td>`;
  const missing = `<td>${formatShare(column.missing_share.reference)} / ${formatShare(column.missing_share.current)}</td>`;
  return `<tr data-column="${escapeHtml(name)}">${cells.join('')}${verdict}${missing}</tr>`;
}

/** A table of the given columns (name → drift), with a header row; `className` marks which table it is. */
export function columnTable(className: string, columns: ReadonlyArray<readonly [string, ColumnDrift]>): string {
  const rows = columns.map(([name, column]) => columnRow(name, column)).join('\n');
  return `<table class="${className}">${HEADER}<tbody>\n${rows}\n</tbody></table>`;
}
