import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameFromTable } from '../shared/automl/data/frame.js';
import type { Table } from '../shared/automl/data/table.js';
import { datasetDrift } from '../shared/drift/check/datasetDrift.js';
import { columnsByName, referenceFromFrame, tableColumnSpecs } from '../shared/drift/check/referenceFromFrame.js';
import { StattestNameSchema } from '../shared/drift/check/stattests.js';
import { DriftResultSchema } from '../shared/drift/driftResult.js';
import { errorStatus } from '../shared/edge/errorStatus.js';

/**
 * Property-based test (fast-check, fixed seed) of the whole drift check as `alm drift` runs it
 * on two tables (types from the reference, as `tableColumnSpecs`): random cells, numbers of any
 * size, NaN, ±∞, missing markers and text mixed, under every test. The result always parses
 * with `DriftResultSchema` (finite statistics, p-values in [0, 1], shares in range), or the
 * check is refused with a typed error mapped to a 4xx; never NaN in the JSON, never a crash.
 */
const RUNS = { seed: 1202, numRuns: 300 };

/** Cell texts: plain and extreme numbers, the missing markers, text (a column typed numeric by its reference may get text in current). */
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('1e308', '-1e308', '1e999', '-1e999', '5e-324', '-0', 'NaN', 'Infinity', '-Infinity', '', 'NA', '?', ' 7 ') },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'c', '<b>x</b>', 'ünï') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** A table of `nColumns` columns and 1–40 rows, where each column draws from its own few cells (so both types occur). */
function table(nColumns: number): fc.Arbitrary<Table> {
  const columnCells = fc.array(cell, { minLength: 1, maxLength: 4 });
  return fc.tuple(fc.array(columnCells, { minLength: nColumns, maxLength: nColumns }), fc.integer({ min: 1, max: 40 })).chain(([pools, nRows]) =>
    fc
      .tuple(...pools.map((pool) => fc.array(fc.constantFrom(...pool), { minLength: nRows, maxLength: nRows })))
      .map((cells) => ({ columns: pools.map((_, c) => `c${c}`), cells, nRows })),
  );
}

const tables = fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(table(n), table(n)));
const options = fc.record({
  stattest: fc.option(fc.constantFrom(...StattestNameSchema.options), { nil: undefined }),
  min_rows: fc.integer({ min: 1, max: 20 }),
});

describe('the drift check on random tables', () => {
  it('gives a schema-valid result (finite figures) or a typed 4xx error, under every test', () => {
    let checked = 0;
    fc.assert(
      fc.property(tables, options, ([reference, current], { stattest, min_rows }) => {
        try {
          const features = tableColumnSpecs(reference);
          const [referenceFrame, currentFrame] = [reference, current].map((t) => frameFromTable(t, features));
          const result = datasetDrift(
            { reference: { columns: referenceFromFrame(referenceFrame, features) }, current: { columns: columnsByName(currentFrame, features) } },
            { stattest, min_rows },
          );
          const parsed = DriftResultSchema.safeParse(JSON.parse(JSON.stringify(result)));
          expect(parsed.success, parsed.error?.message).toBe(true);
          for (const column of Object.values(result.columns)) {
            if (column.statistic !== null) expect(Number.isFinite(column.statistic)).toBe(true);
            if (column.p_value !== null) expect(column.p_value >= 0 && column.p_value <= 1).toBe(true);
          }
          checked++;
        } catch (error) {
          if (!(error instanceof Error) || error.name === 'AssertionError') throw error;
          const status = errorStatus(error).http;
          expect(status >= 400 && status < 500, `${error.name}: ${error.message}`).toBe(true);
        }
      }),
      RUNS,
    );
    // Most random pairs are checkable: the property is not passing on refusals alone.
    expect(checked).toBeGreaterThan(RUNS.numRuns / 3);
  });
});
