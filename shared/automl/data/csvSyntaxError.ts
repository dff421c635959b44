import { CsvError } from 'csv-parse/sync';
import { InvalidDatasetError } from '../errors.js';

const CR = 13;
const LF = 10;
const COMMA = 44;

/**
 * Turns an error of `csv-parse` into a one-line `InvalidDatasetError` naming the row, the column
 * and the file line (the raw error is kept as `cause`, its message is not reused). Returns
 * undefined for anything that is not a `CsvError`.
 *
 * `utf8` must be the exact buffer given to `csv-parse`: its byte offsets locate the error.
 * `header` is the parsed header when the error is in a data row (it names the column).
 *
 * Lines are computed here rather than taken from `csv-parse`, whose `lines` counts a CRLF inside
 * quotes twice and, for an unterminated quote, gives the last line of the file. A line break is
 * CRLF, LF or CR.
 */
export function csvSyntaxError(
  error: unknown,
  utf8: Buffer,
  header?: readonly string[],
): InvalidDatasetError | undefined {
  if (!(error instanceof CsvError)) return undefined;
  const row = count(error.records); // records emitted before this one; the header is record 0
  const column = count(error.column);
  const cause = { cause: error };

  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(error.record)) {
    const fields = error.record as unknown[];
    const line = recordStartLine(utf8, count(error.bytes), fields);
    const columns = header ? `${header.length} columns` : 'a different number of columns';
    const message = `row ${row} (line ${line}) has ${fields.length} field(s) but the header has ${columns}`;
    return new InvalidDatasetError(message, cause);
  }

  // Byte offset where the field that failed starts (its opening quote for quote errors).
  const start = fieldStart(utf8, count(error.bytes));
  const line = lineAt(utf8, start);
  const record = row === 0 ? 'the header' : `row ${row}`;
  const at = `${record} (line ${line}), ${columnLabel(column, header)}`;
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new InvalidDatasetError(
        `${at}: a quoted field has text after its closing quote; a quoted field must end at a comma ` +
          'or a line end, and a quote inside it must be doubled ("")',
        cause,
      );
    case 'INVALID_OPENING_QUOTE':
      return new InvalidDatasetError(
        `${at}: a quote inside an unquoted field; quote the whole field and double the quotes inside it ("")`,
        cause,
      );
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InvalidDatasetError(
        `unterminated quoted field starting on line ${line} (${record}, ${columnLabel(column, header)}): ` +
          'the file ends inside the quotes',
        cause,
      );
    default:
      return new InvalidDatasetError(`${at}: the CSV cannot be parsed (${error.code})`, cause);
  }
}

function columnLabel(index: number, header?: readonly string[]): string {
  const name = header?.[index];
  return name === undefined ? `column ${index + 1}` : `column ${index + 1} ('${name.replace(/[\r\n]+/g, ' ')}')`;
}

/**
 * `bytes` of a csv-parse error is the offset of the last delimiter it processed: a comma (the
 * field starts after it) or the end of the previous record (blank lines may follow it).
 */
function fieldStart(utf8: Buffer, bytes: number): number {
  let offset = utf8[bytes] === COMMA ? bytes + 1 : bytes;
  while (utf8[offset] === CR || utf8[offset] === LF) offset++;
  return offset;
}

/**
 * The first line of a record that ends at byte `end` (after its line break, if any): its last
 * line, minus the line breaks inside its (quoted) fields.
 */
function recordStartLine(utf8: Buffer, end: number, fields: readonly unknown[]): number {
  let last = end; // drop the record's own line break: CRLF, LF or CR
  if (utf8[last - 1] === LF) last--;
  if (utf8[last - 1] === CR) last--;
  let inside = 0;
  for (const field of fields) if (typeof field === 'string') inside += lineBreaks(field);
  return lineAt(utf8, last) - inside;
}

/** 1-based line of the byte at `offset`: one plus the line breaks before it. */
function lineAt(utf8: Buffer, offset: number): number {
  let line = 1;
  const end = Math.min(offset, utf8.length);
  for (let i = 0; i < end; i++) {
    const byte = utf8[i];
    if (byte === LF || (byte === CR && utf8[i + 1] !== LF)) line++;
  }
  return line;
}

function lineBreaks(text: string): number {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === LF || (ch === CR && text.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}
