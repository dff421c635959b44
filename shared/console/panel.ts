import { escapeHtml } from '../drift/report/escapeHtml.js';

/**
 * One section of the console: `<section class="panel" id="…" data-section="…">` with an `<h2>`
 * and the given body (already HTML). `id` and `title` come from the renderer, not from data.
 */
export function panel(id: string, title: string, body: string): string {
  return `<section class="panel" id="${id}" data-section="${id}"><h2>${title}</h2>\n${body}\n</section>`;
}

/** A section's empty state: `<p class="empty" data-empty="<section>">text</p>`; the text is escaped. */
export function emptyState(section: string, text: string): string {
  return `<p class="empty" data-empty="${section}">${escapeHtml(text)}</p>`;
}

/**
 * A table from a header (plain text from the renderer) and rows of cells that are ALREADY HTML
 * (each cell escapes its own data). `className` names the table; a row may carry attributes
 * (already escaped), e.g. `data-kind="promoted"`.
 */
export function htmlTable(
  className: string,
  header: readonly string[],
  rows: ReadonlyArray<{ readonly cells: readonly string[]; readonly attributes?: string }>,
): string {
  const head = `<thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((row) => `<tr${row.attributes ? ` ${row.attributes}` : ''}>${row.cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${className}">${head}<tbody>\n${body}\n</tbody></table>`;
}
