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

/**
 * pandas' default `na_values` (`read_csv`), case-sensitive, plus `?` (UCI files mark missing
 * values so). `none`, `NONE` or `na` are values: an insurance column whose real value is "none"
 * keeps that category.
 */
export const MISSING_MARKERS: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
  '?',
]);

/** Missing-value convention: a cell that, trimmed, is one of `MISSING_MARKERS` (exactly, case included). */
export function isMissing(cell: string | null | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  return MISSING_MARKERS.has(cell.trim());
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
