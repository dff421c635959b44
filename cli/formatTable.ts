/** A plain-text table with a header rule; numbers right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const numeric = header.map((_, c) => rows.every((row) => typeof row[c] === 'number'));
  const line = (row: readonly string[]) => row.map((v, c) => (numeric[c] ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
