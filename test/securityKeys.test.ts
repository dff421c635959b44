import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { InvalidIdError } from '../shared/registry/errors.js';
import * as keys from '../shared/registry/keys.js';

/**
 * Security rule 4: S3 keys are built only from validated ids. Every exported key builder of
 * `shared/registry/keys.ts` (the module's exports are enumerated, so a new builder must be
 * listed here) refuses, in each of its id arguments, a `/`, `..`, an empty, an over-long or a
 * non-matching id with an InvalidIdError (a 400), before any key exists; and no other module of
 * `shared/registry/` spells a key itself.
 */
const DIGEST = 'a'.repeat(64);
const PARTITION = { date: '2026-12-01', hour: '10' };
const REPORT = '20261201T110500123Z';

/** Each builder: valid arguments, and the positions (and, for objects, the field) that carry ids. */
const BUILDERS: Record<string, { readonly args: readonly unknown[]; readonly ids: readonly (number | [number, string])[] }> = {
  datasetKey: { args: [DIGEST], ids: [0] },
  versionPrefix: { args: ['v0001'], ids: [0] },
  claimKey: { args: ['v0001'], ids: [0] },
  artifactKey: { args: ['v0001', 'model.json'], ids: [0, 1] },
  manifestKey: { args: ['v0001'], ids: [0] },
  verdictKey: { args: ['v0001'], ids: [0] },
  trainingRunRecordKey: { args: [DIGEST], ids: [0] },
  partitionPrefix: { args: ['predictions', PARTITION], ids: [[1, 'date'], [1, 'hour']] },
  predictionBatchKey: { args: [PARTITION, DIGEST], ids: [[0, 'date'], [0, 'hour'], 1] },
  labelBatchKey: { args: [PARTITION, DIGEST], ids: [[0, 'date'], [0, 'hour'], 1] },
  reportKey: { args: [REPORT, 'json'], ids: [0] },
  driftDecisionKey: { args: [REPORT], ids: [0] },
  alertKey: { args: [REPORT, '0123456789abcdef', 'firing'], ids: [0, 1] },
  alertDayPrefix: { args: ['2026-12-01'], ids: [0] },
  lineageKey: { args: ['v0001'], ids: [0] },
  liveQualityKey: { args: ['v0001'], ids: [0] },
};
/** Exports that take no caller id: fixed keys, a key of a Date, and readers of keys already listed. */
const NO_CALLER_ID = ['latestDatasetKey', 'productionKey', 'driftStateKey', 'partitionOf', 'batchSpanOfKey', 'versionOfModelKey', 'reportIdOfKey'];

const HOSTILE: readonly [string, unknown][] = [
  ['a slash', 'v0001/../x'],
  ['a dot-dot', '..'],
  ['a dot-dot segment', '../registry/production.json'],
  ['empty', ''],
  ['over-long', `v${'1'.repeat(5000)}`],
  ['over-long hex', 'a'.repeat(65)],
  ['non-matching', 'V0001'],
  ['a NUL', 'v0001\u0000'],
  ['a newline', 'v0001\n'],
  ['percent-encoded', '%2e%2e%2f'],
  ['a backslash', '..\\x'],
  ['not a string', 42],
  ['null', null],
];

function withId(args: readonly unknown[], at: number | [number, string], value: unknown): unknown[] {
  const copy = [...args];
  if (typeof at === 'number') copy[at] = value;
  else copy[at[0]] = { ...(copy[at[0]] as object), [at[1]]: value };
  return copy;
}

describe('S3 keys only from validated ids', () => {
  const exported = Object.entries(keys).filter(([, value]) => typeof value === 'function').map(([name]) => name);

  it('covers every exported function of keys.ts', () => {
    expect(exported.filter((name) => !(name in BUILDERS) && !NO_CALLER_ID.includes(name))).toEqual([]);
    expect(Object.keys(BUILDERS).filter((name) => !exported.includes(name))).toEqual([]);
  });

  it('builds keys from valid ids, each under its own prefix and without a dot-dot segment', () => {
    for (const [name, { args }] of Object.entries(BUILDERS)) {
      const key = (keys as unknown as Record<string, (...a: unknown[]) => string>)[name](...args);
      expect(key, name).toMatch(/^(datasets|models|registry|predictions|labels|reports|alerts)\//);
      expect(key.split('/'), name).not.toContain('..');
    }
  });

  it.each(HOSTILE)('refuses an id with %s in every id argument of every builder, as a 400', (_what, value) => {
    let refused = 0;
    for (const [name, { args, ids }] of Object.entries(BUILDERS)) {
      for (const at of ids) {
        const build = () => (keys as unknown as Record<string, (...a: unknown[]) => string>)[name](...withId(args, at, value));
        let error: unknown;
        try {
          build();
        } catch (e) {
          error = e;
        }
        expect(error, `${name}(${JSON.stringify(at)}) = ${JSON.stringify(value)}`).toBeInstanceOf(InvalidIdError);
        expect(errorStatus(error).http).toBe(400);
        refused++;
      }
    }
    expect(refused).toBe(Object.values(BUILDERS).reduce((n, b) => n + b.ids.length, 0));
  });

  it('quotes a refused id safely: cut to 80 characters, never a raw control character', () => {
    try {
      keys.claimKey(`v${'9'.repeat(5000)}\n`);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('no other module of shared/registry spells a key: every key comes from keys.ts', () => {
    const dir = join(import.meta.dirname, '..', 'shared', 'registry');
    const spelled = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'keys.ts')
      .flatMap((file) => {
        const code = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        const literals = code.match(/(['"`])(datasets|models|registry|predictions|labels|reports|alerts)\/[^'"`]*\1?/g) ?? [];
        return literals.map((literal) => `${file}: ${literal}`);
      });
    expect(spelled).toEqual([]);
  });
});
