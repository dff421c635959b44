/** Formats rows as CSV (RFC 4180): fields with a comma, quote or line break are quoted. */
export function formatCsv(header: readonly string[], rows: Iterable<readonly (string | number)[]>): string {
  const lines = [header.map(quoteField).join(',')];
  for (const row of rows) lines.push(row.map((v) => quoteField(String(v))).join(','));
  return `${lines.join('\n')}\n`;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
