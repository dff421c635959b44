/**
 * Whether every category (or class) is a number written as text, i.e. the CSV column was
 * numeric (0/1 flags, ratings 1–5, numeric targets). Such values are validated as numbers and
 * answered as numbers. An empty list is not numeric.
 */
export function allNumeric(categories: readonly string[]): boolean {
  return categories.length > 0 && categories.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
}
