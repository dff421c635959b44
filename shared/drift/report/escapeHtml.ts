const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '` so that any string from data is inert both as element text and inside a
 * quoted attribute value (`"…"` or `'…'`). It is the only escaping the report uses: every value
 * that does not come from the renderer itself goes through it exactly once, at the point where it
 * is written into the markup. It does not make a string safe in unquoted attributes, URLs, CSS or
 * scripts; the report puts data in none of those.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => REPLACEMENTS[c]);
}
