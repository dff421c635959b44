import { parse, type Options } from 'csv-parse/sync';
import { InvalidDatasetError } from '../errors.js';
import { csvSyntaxError } from './csvSyntaxError.js';
import type { Table } from './table.js';

/**
 * Parses CSV text into a column-major `Table` with `csv-parse`, strictly (RFC 4180).
 *
 * Accepts: comma-separated fields; fields in double quotes, which may hold commas, line breaks
 * and quotes doubled as `""`; LF, CRLF or CR line ends, mixed; an optional UTF-8 BOM; an optional
 * final line end; blank (empty) lines, which are skipped. Header names are trimmed; cells are
 * kept as written (no trimming, no type conversion).
 *
 * Refuses, with a one-line `InvalidDatasetError` (the `csv-parse` error, if any, as `cause`):
 * - an empty or whitespace-only text;
 * - a header of one column whose first line holds `;` or a tab and no comma (a semicolon- or
 *   tab-delimited file: the delimiter is not guessed);
 * - an empty or duplicate column name (naming both column numbers);
 * - a header with no data rows;
 * - a row whose field count differs from the header's (a line of spaces is such a row);
 * - text after a closing quote (`"x"y`), a quote inside an unquoted field (`x"y`, ` "x"`), and
 *   an unterminated quote.
 * Header problems are reported first. Rows are numbered as data rows, 1-based, header excluded;
 * messages give the file line where the row (or, for a quote error, the field) starts, and the
 * column for a quote error.
 */
export function parseCsv(text: string): Table {
  if (text.trim() === '') throw new InvalidDatasetError('the CSV is empty: expected a header row and data rows');

  const utf8 = Buffer.from(text, 'utf8');
  let records: string[][];
  try {
    records = parse(utf8, OPTIONS);
  } catch (error) {
    throw parseFailure(error, utf8, text);
  }
  if (records.length === 0) throw new InvalidDatasetError('the CSV is empty: expected a header row and data rows');

  const header = records[0].map((name) => name.trim());
  checkHeader(header, text);
  const nRows = records.length - 1;
  if (nRows === 0) throw new InvalidDatasetError('the CSV has a header but no data rows');

  // Strict parsing guarantees every record has the header's field count.
  const nColumns = header.length;
  const cells: string[][] = header.map(() => new Array<string>(nRows));
  for (let r = 0; r < nRows; r++) {
    const fields = records[r + 1];
    for (let c = 0; c < nColumns; c++) cells[c][r] = fields[c];
  }
  return { columns: header, cells, nRows };
}

/**
 * csv-parse's strict defaults are kept (comma delimiter, `"` as quote and escape, no relax_quotes,
 * no relax_column_count, no trimming, no comments): the quote and field-count refusals above are
 * csv-parse's, mapped by `csvSyntaxError`.
 */
export const OPTIONS: Options = Object.freeze({
  bom: true,
  cast: false,
  skip_empty_lines: true,
  // Listed explicitly so that mixed line ends work (auto-discovery keeps the first one it sees).
  record_delimiter: ['\r\n', '\n', '\r'],
});

/**
 * The error for a text `csv-parse` refused. The header is checked first when it parses on its
 * own, so that a wrong delimiter or a bad column name is what gets reported.
 */
function parseFailure(error: unknown, utf8: Buffer, text: string): Error {
  let header: string[] | undefined;
  try {
    const [first] = parse(utf8, { ...OPTIONS, to: 1 });
    header = first?.map((name) => name.trim());
  } catch {
    const hint = delimiterHint(text);
    if (hint !== undefined) return new InvalidDatasetError(hint, { cause: error });
  }
  if (header !== undefined) checkHeader(header, text);
  return csvSyntaxError(error, utf8, header) ?? (error instanceof Error ? error : new Error(String(error)));
}

/** The header checks (delimiter hint, empty and duplicate names); `streamCsv` applies them too. */
export function checkHeader(header: readonly string[], text: string): void {
  if (header.length === 1) {
    const hint = delimiterHint(text);
    if (hint !== undefined) throw new InvalidDatasetError(hint);
  }
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '') throw new InvalidDatasetError(`column ${index + 1} of the header has an empty name`);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new InvalidDatasetError(`duplicate column name '${name}' (columns ${first + 1} and ${index + 1})`);
    }
    seen.set(name, index);
  });
}

/** Says which delimiter the first non-blank line seems to use, if it has no comma but `;` or a tab. */
function delimiterHint(text: string): string | undefined {
  const firstLine = /^[\ufeff\r\n]*([^\r\n]*)/.exec(text)?.[1] ?? '';
  if (firstLine.includes(',')) return undefined;
  const semicolons = firstLine.split(';').length - 1;
  const tabs = firstLine.split('\t').length - 1;
  if (semicolons === 0 && tabs === 0) return undefined;
  const [char, name] = semicolons >= tabs ? ["';'", 'semicolon'] : ['a tab', 'tab'];
  return (
    `the header has one column but contains ${char}: this looks like a ${name}-delimited file; ` +
    'the CSV must be comma-separated'
  );
}
