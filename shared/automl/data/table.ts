/**
 * A parsed CSV: a header and its cells, column-major. Cells are raw strings; `isMissing` says
 * which ones stand for a missing value.
 */
export interface Table {
  readonly columns: readonly string[];
  /** `cells[c][r]`: the text of data row r (0-based, header excluded) in column c. */
  readonly cells: readonly (readonly string[])[];
  readonly nRows: number;
}

const MISSING_MARKERS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/** Missing-value convention: empty, or NA, N/A, NaN, null, None, ? (any case, trimmed). */
export function isMissing(cell: string | null | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  const trimmed = cell.trim();
  return trimmed === '' || MISSING_MARKERS.has(trimmed.toLowerCase());
}

/** Parses a cell as a finite number, or returns NaN (missing or not numeric). */
export function parseNumber(cell: string): number {
  const trimmed = cell.trim();
  if (trimmed === '') return Number.NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Rows `indices` of a table (0-based data rows), in that order. */
export function takeTableRows(table: Table, indices: ArrayLike<number>): Table {
  const rows = Array.from(indices);
  return { columns: table.columns, cells: table.cells.map((column) => rows.map((r) => column[r])), nRows: rows.length };
}
