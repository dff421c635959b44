import { InvalidDatasetError } from '../errors.js';
import type { Table } from './table.js';

/**
 * Parses CSV text (RFC 4180: comma separator, double-quoted fields with "" escapes, LF or CRLF
 * line ends, optional UTF-8 BOM, optional final newline) into a column-major `Table`.
 *
 * Rejects, with an `InvalidDatasetError` naming the row or column: an empty text, a header with
 * no data rows, an empty or duplicate column name, a row whose field count differs from the
 * header's, and an unterminated quote. Rows are numbered as data rows, 1-based, header excluded;
 * the message also gives the line number in the file.
 */
export function parseCsv(text: string): Table {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.trim() === '') throw new InvalidDatasetError('the CSV is empty: expected a header row and data rows');

  const records = splitRecords(input);
  const header = records[0].fields.map((name) => name.trim());
  checkHeader(header);
  const nRows = records.length - 1;
  if (nRows === 0) throw new InvalidDatasetError('the CSV has a header but no data rows');

  const cells: string[][] = header.map(() => new Array<string>(nRows));
  for (let r = 0; r < nRows; r++) {
    const { fields, line } = records[r + 1];
    if (fields.length !== header.length) {
      throw new InvalidDatasetError(
        `row ${r + 1} (line ${line}) has ${fields.length} field(s) but the header has ${header.length} columns`,
      );
    }
    for (let c = 0; c < fields.length; c++) cells[c][r] = fields[c];
  }
  return { columns: header, cells, nRows };
}

function checkHeader(header: readonly string[]): void {
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

interface CsvRecord {
  readonly fields: string[];
  /** 1-based line of the file where the record starts. */
  readonly line: number;
}

/** Splits the text into records of fields; blank lines are skipped. */
function splitRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  let fieldStarted = false;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldStarted;
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */ && field === '') {
      const start = i;
      i++;
      let quoted = '';
      let chunkStart = i;
      for (;;) {
        if (i >= n) throw new InvalidDatasetError(`unterminated quoted field starting on line ${lineOf(text, start)}`);
        const q = text.charCodeAt(i);
        if (q === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            quoted += text.slice(chunkStart, i + 1);
            i += 2;
            chunkStart = i;
            continue;
          }
          quoted += text.slice(chunkStart, i);
          i++;
          break;
        }
        if (q === 10) line++;
        i++;
      }
      field = quoted;
      fieldStarted = true;
      continue;
    }
    if (ch === 44 /* , */) {
      fields.push(field);
      field = '';
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === 10 || ch === 13) {
      endRecord();
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    // Unquoted run up to the next separator or line end.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 44 || c === 10 || c === 13) break;
      j++;
    }
    field += text.slice(i, j);
    fieldStarted = true;
    i = j;
  }
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
