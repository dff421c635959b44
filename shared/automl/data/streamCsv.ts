import { parse, CsvError } from 'csv-parse';
import { once } from 'node:events';
import { InvalidDatasetError } from '../errors.js';
import { checkHeader, OPTIONS } from './parseCsv.js';

/**
 * Reads a CSV from a stream of byte chunks with csv-parse's stream API, in bounded memory: one
 * record at a time goes to `onRow`, nothing else is kept. The dialect and the refusals are
 * `parseCsv`'s (strict RFC 4180, same options, same header checks), plus two bounds a stream
 * needs: a record longer than `maxRecordBytes` (an unterminated quote would otherwise buffer the
 * rest of the file) and a text longer than `maxBytes` are refused as soon as they are seen.
 * Rows are numbered as data rows, 1-based, header excluded; lines are csv-parse's count at the
 * point of the error (a stream keeps no text to recount them, as `parseCsv` does).
 */
export interface CsvStreamLimits {
  /** The longest record, in characters (default 1 MiB). */
  readonly maxRecordBytes?: number;
  /** The longest text, in bytes (default: none). */
  readonly maxBytes?: number;
}

export interface CsvStreamSummary {
  readonly columns: readonly string[];
  readonly nRows: number;
  /** Bytes read, the BOM included. */
  readonly bytes: number;
}

/** The default longest record: 1 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Streams `chunks` through csv-parse; calls `onHeader` once with the checked header, then
 * `onRow(fields, row)` for each data row (`row` 0-based). Resolves to the header, the row count
 * and the bytes read; rejects with an InvalidDatasetError (csv-parse's error as `cause`).
 */
export async function streamCsv(
  chunks: AsyncIterable<Uint8Array>,
  onRow: (fields: string[], row: number) => void,
  limits: CsvStreamLimits = {},
  onHeader: (columns: readonly string[]) => void = () => {},
): Promise<CsvStreamSummary> {
  let bytes = 0;
  let columns: string[] | undefined;
  let nRows = 0;
  let failure: unknown;
  const parser = parse({ ...OPTIONS, max_record_size: limits.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES });
  // A 'data' listener runs as csv-parse emits each record, so the header is known before any
  // error later in the same chunk; write() returning false (then 'drain') is the backpressure.
  parser.on('data', (record: string[]) => {
    if (failure !== undefined) return;
    try {
      if (columns === undefined) {
        columns = record.map((name) => name.trim());
        checkHeader(columns, columns.join(','));
        onHeader(columns);
      } else {
        onRow(record, nRows++);
      }
    } catch (error) {
      failure = error;
      parser.destroy(error as Error);
    }
  });
  const finished = new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
  });
  finished.catch(() => {}); // awaited below; only an early failure ends the writing loop first
  try {
    for await (const chunk of chunks) {
      bytes += chunk.byteLength;
      if (limits.maxBytes !== undefined && bytes > limits.maxBytes) {
        throw new InvalidDatasetError(`the CSV is over ${limits.maxBytes} bytes, the most accepted`);
      }
      if (parser.destroyed) break;
      if (!parser.write(chunk)) await once(parser, 'drain');
    }
    parser.end();
    await finished;
  } catch (error) {
    parser.destroy();
    throw streamFailure(failure ?? error, columns);
  }
  if (columns === undefined) throw new InvalidDatasetError('the CSV is empty: expected a header row and data rows');
  if (nRows === 0) throw new InvalidDatasetError('the CSV has a header but no data rows');
  return { columns, nRows, bytes };
}

/** A csv-parse error as a one-line InvalidDatasetError naming the row, the column and the line; others as they are. */
function streamFailure(error: unknown, header: readonly string[] | undefined): unknown {
  if (!(error instanceof CsvError)) return error;
  const row = typeof error.records === 'number' ? error.records : 0;
  const line = typeof error.lines === 'number' ? error.lines : 0;
  const record = row === 0 ? 'the header' : `row ${row}`;
  const cause = { cause: error };
  const columnIndex = typeof error.column === 'number' ? error.column : undefined;
  const column = columnIndex === undefined ? '' : `, column ${columnIndex + 1}${header?.[columnIndex] ? ` ('${header[columnIndex]}')` : ''}`;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const fields = Array.isArray(error.record) ? error.record.length : 'a different number of';
      return new InvalidDatasetError(`row ${row} (line ${line}) has ${fields} field(s) but the header has ${header?.length} columns`, cause);
    }
    case 'CSV_MAX_RECORD_SIZE':
      return new InvalidDatasetError(
        `${record} (near line ${line}) is longer than ${String(error.max_record_size ?? DEFAULT_MAX_RECORD_BYTES)} characters: ` +
          'an unterminated quote, or not a CSV',
        cause,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new InvalidDatasetError(`${record} (near line ${line})${column}: a quoted field has text after its closing quote`, cause);
    case 'INVALID_OPENING_QUOTE':
      return new InvalidDatasetError(`${record} (near line ${line})${column}: a quote inside an unquoted field`, cause);
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InvalidDatasetError(`${record}: unterminated quoted field, the file ends inside the quotes`, cause);
    default:
      return new InvalidDatasetError(`${record} (near line ${line}): the CSV cannot be parsed (${error.code})`, cause);
  }
}
