import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../shared/automl/data/formatCsv.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidDatasetError } from '../shared/automl/errors.js';
import { errorResponse } from '../shared/edge/errorResponse.js';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import type { TrainMessage } from '../shared/lifecycle/messages.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { MemoryQueue } from './support/memoryQueue.js';

/**
 * Property-based tests (fast-check, fixed seeds) of the CSV reader and of how its callers map
 * its errors: any text either parses into a well-formed table or is refused with a one-line
 * InvalidDatasetError, which the one mapping (`errorStatus`) makes a 400 and exit code 2; a table
 * written by `formatCsv` reads back unchanged.
 */
const RUNS = { seed: 1203, numRuns: 400 };
/** Any UTF-16 code unit (lone surrogates included) or astral character; cheaper to build than fast-check's `unit: 'binary'`. */
const anyChar = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)));

/** The characters that matter to a CSV reader, and a few that do not. */
const csvChar = fc.constantFrom(',', ',', '"', '\r', '\n', '\r\n', ';', '\t', ' ', 'a', 'b', '1', '.', '\ufeff', 'é', '😀', '\u0000');
const csvNoise = fc.string({ unit: csvChar, maxLength: 60 });
/** A field that may be quoted, with quotes, commas and line breaks inside. */
const field = fc.oneof(fc.string({ unit: csvChar, maxLength: 6 }), fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/"/g, '""')}"`));
/** Lines of 1–4 fields, mostly of the same count, joined by any line end: near-valid CSV. */
const nearCsv = fc
  .tuple(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([lines, end, finalEnd]) => lines.map((fields) => fields.join(',')).join(end) + (finalEnd ? end : ''));
const anyText = fc.oneof(csvNoise, nearCsv, fc.string({ unit: anyChar, maxLength: 40 }));

/** Runs `f`: a table, or the InvalidDatasetError it threw (anything else fails the property). */
function outcome<T>(f: () => T): T | InvalidDatasetError {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof InvalidDatasetError)) throw error;
    return error;
  }
}

describe('parseCsv on random text', () => {
  it('returns a well-formed table or throws a one-line InvalidDatasetError, a 400 and exit code 2', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = outcome(() => parseCsv(text));
        if (result instanceof InvalidDatasetError) {
          expect(result.message.length).toBeGreaterThan(0);
          expect(result.message).not.toMatch(/[\r\n]/);
          expect(errorStatus(result)).toMatchObject({ http: 400, exitCode: 2, expose: true });
          return;
        }
        const { columns, cells, nRows } = result;
        expect(nRows).toBeGreaterThan(0);
        expect(new Set(columns).size).toBe(columns.length);
        for (const name of columns) expect(name).toBe(name.trim());
        expect(columns.every((name) => name !== '')).toBe(true);
        expect(cells.length).toBe(columns.length);
        for (const column of cells) {
          expect(column.length).toBe(nRows);
          for (const value of column) expect(typeof value).toBe('string');
        }
      }),
      RUNS,
    );
  });

  it('reads back any table formatCsv writes, cell for cell', () => {
    const name = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== '');
    const table = fc
      .tuple(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 5 }))
      .chain(([header, nRows]) =>
        fc.tuple(
          fc.constant(header),
          fc.array(fc.array(fc.string({ unit: fc.oneof(csvChar, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 8 }), { minLength: header.length, maxLength: header.length }), {
            minLength: nRows,
            maxLength: nRows,
          }),
        ),
      )
      // A row of one empty field is a blank line, which the reader skips (RFC 4180 leaves it open).
      .filter(([header, rows]) => header.length > 1 || rows.every(([cell]) => cell !== ''))
      // A leading BOM in the first header name is taken as the file's BOM.
      .filter(([header]) => !header[0].startsWith('\ufeff'))
      // A one-column header holding ';' or a tab is refused as another delimiter, by design.
      .filter(([header]) => header.length > 1 || !/[;\t]/.test(header[0]));
    fc.assert(
      fc.property(table, ([header, rows]) => {
        const parsed = parseCsv(formatCsv(header, rows));
        expect(parsed.columns).toEqual(header);
        expect(parsed.nRows).toBe(rows.length);
        expect(parsed.cells).toEqual(header.map((_, c) => rows.map((row) => row[c])));
      }),
      RUNS,
    );
  });
});

describe("the reader's callers map its errors to a 4xx", () => {
  it('POST /ingest on random text: accepted, or an error response with a 4xx status, never a 5xx', async () => {
    const clock = manualClock();
    const registry = createModelRegistry(new MemoryObjectStore(), { clock });
    const trainQueue = new MemoryQueue<TrainMessage>();
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        try {
          await ingestDataset({ datasets: registry.datasets, trainQueue }, text);
        } catch (error) {
          const response = errorResponse(error);
          expect(response.statusCode, String(error)).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, String(error)).toBeLessThan(500);
          expect(JSON.parse(response.body)).toMatchObject({ error: (error as Error).name, message: (error as Error).message });
        }
      }),
      { ...RUNS, numRuns: 200 },
    );
  });
});
