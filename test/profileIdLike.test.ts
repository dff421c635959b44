import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { idLikeRule, naturalCompare } from '../shared/automl/profile/idLikeRule.js';
import { profileDataset } from '../shared/automl/profile/profileDataset.js';
import { summarizeColumn } from '../shared/automl/profile/summarizeColumn.js';
import { createRandom, shuffleInPlace, type Random } from '../shared/automl/util/random.js';

const ROWS = 300;

/** `n` distinct integers drawn from [lo, hi], in random order. */
function distinctInts(n: number, lo: number, hi: number, random: Random): number[] {
  const seen = new Set<number>();
  while (seen.size < n) seen.add(lo + Math.floor(random() * (hi - lo + 1)));
  return [...seen];
}

const hex = (length: number, random: Random) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const uuid = (random: Random) => [8, 4, 4, 4, 12].map((n) => hex(n, random)).join('-');

/** Variable-length made-up names, distinct: free text with neither a pattern nor an order. */
function names(n: number, random: Random): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'quil', 'd', 'ne', 'sho'];
  const out = new Set<string>();
  while (out.size < n) {
    const k = 2 + Math.floor(random() * 3);
    out.add(Array.from({ length: k }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
  }
  return [...out];
}

/** Columns with a known answer: which are keys (and by which rule) and which are measures. */
function keysAndMeasuresCsv(seed: number): string {
  const random = createRandom(seed);
  const amount = distinctInts(ROWS, 100, 2_000_000, random); // cents, random order
  const shuffledId = shuffleInPlace(Int32Array.from({ length: ROWS }, (_, i) => 1001 + i), random);
  const codes = distinctInts(ROWS, 0, 999_999, random).map((v) => `C-${String(v).padStart(6, '0')}`);
  const guids = Array.from({ length: ROWS }, () => uuid(random));
  const hashes = Array.from({ length: ROWS }, () => hex(40, random));
  const who = names(ROWS, random);
  let ts = 1_700_000_000;
  const lines = ['row_id,shuffled_id,created_at,row_name,amount,code,guid,hash,who,label'];
  for (let i = 0; i < ROWS; i++) {
    ts += 1 + Math.floor(random() * 3600);
    const label = amount[i] + random() * 800_000 > 1_400_000 ? 'yes' : 'no';
    lines.push([i + 1, shuffledId[i], ts, `row-${ROWS - i}`, amount[i], codes[i], guids[i], hashes[i], who[i], label].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('ID-like columns: keys are dropped, measures are kept', () => {
  const { schema } = profileDataset(parseCsv(keysAndMeasuresCsv(3)), { target: 'label' });
  const dropped = Object.fromEntries(schema.dropped.map((d) => [d.name, d]));

  it.each([
    ['row_id', 'sequential'],
    ['shuffled_id', 'sequential'],
    ['created_at', 'monotonic'],
    ['row_name', 'monotonic'],
    ['code', 'pattern'],
    ['guid', 'pattern'],
    ['hash', 'pattern'],
  ])('drops %s with rule %s, naming it in the detail', (name, rule) => {
    expect(dropped[name]).toMatchObject({ reason: 'id_like', rule });
    expect(dropped[name].detail).toMatch(rule === 'pattern' ? /shape/ : new RegExp(rule === 'monotonic' ? 'in row order' : rule));
  });

  it('keeps integer amounts as numeric and free text as a high-cardinality categorical', () => {
    const amount = schema.features.find((f) => f.name === 'amount');
    expect(amount?.type).toBe('numeric');
    expect(amount?.range?.min).toBeGreaterThanOrEqual(100);
    const who = schema.features.find((f) => f.name === 'who');
    expect(who?.type).toBe('categorical');
    expect(who?.categories?.length).toBe(ROWS);
    expect(schema.features.map((f) => f.name)).toEqual(['amount', 'who']);
  });

  it('names the shape and the direction', () => {
    expect(dropped.code.detail).toContain("'a-999999'");
    expect(dropped.guid.detail).toContain("'********-****-****-****-************'");
    expect(dropped.row_name.detail).toMatch(/^decreasing in row order/);
    expect(dropped.created_at.detail).toMatch(/^increasing in row order/);
  });

  it('keeps the income of a 25-row file', () => {
    const random = createRandom(5);
    const income = distinctInts(25, 18_000, 250_000, random);
    const rows = income.map((v, i) => `${20 + Math.floor(random() * 40)},${v},${v + random() * 50_000 > 120_000 ? 1 : 0}`);
    const { schema: small } = profileDataset(parseCsv(['age,income,target', ...rows].join('\n')));
    expect(small.features.find((f) => f.name === 'income')).toMatchObject({ type: 'numeric' });
    expect(small.dropped).toEqual([]);
  });
});

describe('idLikeRule', () => {
  const verdict = (cells: string[]) => idLikeRule(summarizeColumn(cells), cells)?.rule;

  it('tolerates 1% of out-of-order pairs, not more', () => {
    const random = createRandom(9);
    let t = 0;
    const times = Array.from({ length: ROWS }, () => String((t += 5 + Math.floor(random() * 100))));
    const swapped = (count: number) => {
      const out = [...times];
      for (let k = 0; k < count; k++) [out[20 + 40 * k], out[21 + 40 * k]] = [out[21 + 40 * k], out[20 + 40 * k]];
      return out;
    };
    expect(verdict(swapped(2))).toBe('monotonic'); // 2 breaks of 299 pairs
    expect(verdict(swapped(3))).toBeUndefined(); // 3 > floor(1% of 299)
  });

  it('needs 20 present rows, 95% distinct values and integers or text', () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(i));
    expect(verdict(ids)).toBe('sequential');
    expect(verdict(ids.slice(0, 19))).toBeUndefined();
    expect(verdict([...ids.slice(0, 28), '3', '4'])).toBeUndefined(); // 28 distinct of 30
    expect(verdict(ids.map((v) => `${v}.5`))).toBeUndefined(); // not integers
    expect(verdict([...ids, '', 'NA'])).toBe('sequential'); // missing cells do not count
  });

  it('compares text in natural order', () => {
    expect(['row-10', 'row-9', 'row-009a', 'row-1'].sort(naturalCompare)).toEqual(['row-1', 'row-9', 'row-009a', 'row-10']);
    expect(naturalCompare('a7', 'a007')).not.toBe(0);
  });

  it('sees a fixed shape only when every value has it', () => {
    const random = createRandom(4);
    const codes = distinctInts(40, 0, 99_999, random).map((v) => `AB${String(v).padStart(5, '0')}`);
    expect(verdict(codes)).toBe('pattern');
    expect(verdict([...codes.slice(1), 'AB-1234'])).toBeUndefined();
  });
});
