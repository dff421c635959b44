import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidOptionsError } from '../shared/automl/errors.js';
import type { Pipeline } from '../shared/automl/pipeline/pipeline.js';
import { profileDataset } from '../shared/automl/profile/profileDataset.js';
import { createRandom, shuffleInPlace } from '../shared/automl/util/random.js';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { buildRequestValidator } from '../shared/serving/requestValidator.js';
import { DEFAULT_SERVING_LIMITS } from '../shared/serving/servingLimits.js';

/** 60 rows; rows 40..59 hold what must not leak into features profiled on rows 0..39. */
function splitCsv(): string {
  const random = createRandom(21);
  const lines = ['x,color,flag_on_train,ts,label'];
  for (let i = 0; i < 60; i++) {
    const test = i >= 40;
    const x = test && i % 5 === 0 ? (i === 45 ? '' : '9999') : (random() * 10).toFixed(2);
    const color = test && i % 2 === 0 ? 'purple' : ['red', 'green'][i % 2];
    const label = i === 50 ? '' : test && i % 7 === 0 ? 'c' : ['a', 'b'][Math.floor(random() * 2)];
    lines.push(`${x},${color},${test ? i % 3 : 1},${1_600_000_000 + i * 97 + Math.floor(random() * 50)},${label}`);
  }
  return `${lines.join('\n')}\n`;
}

const TRAIN = Array.from({ length: 40 }, (_, i) => i);

describe('profileDataset with featureRows', () => {
  const table = parseCsv(splitCsv());
  const all = profileDataset(table, { target: 'label' }).schema;
  const { schema, y } = profileDataset(table, { target: 'label', featureRows: TRAIN });
  const feature = (name: string) => schema.features.find((f) => f.name === name);

  it('types, counts and drops features from those rows only', () => {
    expect(all.features.find((f) => f.name === 'color')?.categories).toContain('purple');
    expect(feature('color')?.categories).toEqual(['green', 'red']);
    expect(all.features.find((f) => f.name === 'x')).toMatchObject({ missing: 1, range: { max: 9999 } });
    expect(feature('x')?.missing).toBe(0);
    expect(feature('x')?.range?.max).toBeLessThan(10);
    expect(all.features.find((f) => f.name === 'flag_on_train')?.type).toBe('categorical');
    expect(schema.dropped.find((d) => d.name === 'flag_on_train')).toMatchObject({ reason: 'constant' });
  });

  it('infers the target and counts rows over the whole table', () => {
    expect(schema.target).toEqual(all.target);
    expect(schema.target.classes).toEqual(['a', 'b', 'c']);
    expect(schema.rows).toBe(60);
    expect(schema.rows_without_target).toBe(1);
    expect(y.length).toBe(60);
  });

  it('takes the rows as a set in table order: a shuffled split with repeats profiles the same', () => {
    const random = createRandom(2);
    const shuffled = [...shuffleInPlace(Int32Array.from(TRAIN), random), 3, 7];
    expect(profileDataset(table, { target: 'label', featureRows: shuffled }).schema).toEqual(schema);
  });

  it('still finds a row-order key on a random training subset (monotonic and sequential)', () => {
    const random = createRandom(8);
    const lines = ['id,ts,x,y'];
    const ids = shuffleInPlace(Int32Array.from({ length: 200 }, (_, i) => i + 1), random);
    for (let i = 0; i < 200; i++) lines.push(`${ids[i]},${1_600_000_000 + i * 60 + Math.floor(random() * 30)},${random().toFixed(3)},${i % 2}`);
    const subset = shuffleInPlace(Int32Array.from({ length: 200 }, (_, i) => i), random).slice(0, 140);
    const profiled = profileDataset(parseCsv(lines.join('\n')), { featureRows: subset }).schema;
    expect(profiled.dropped.map((d) => [d.name, d.rule])).toEqual([['id', 'sequential'], ['ts', 'monotonic']]);
  });

  it.each([
    [[], 'featureRows is empty'],
    [[0, 60], 'featureRows has 60, not a row of a 60-row table'],
    [[1.5], 'featureRows has 1.5'],
    [[-1], 'featureRows has -1'],
  ])('rejects featureRows %j', (featureRows, message) => {
    const call = () => profileDataset(table, { target: 'label', featureRows });
    expect(call).toThrow(InvalidOptionsError);
    expect(call).toThrow(message);
  });
});

describe('one value plus missing: a binary "present" feature', () => {
  const random = createRandom(13);
  const lines = ['x,subscribed,flag,pair,empty,same,label'];
  for (let i = 0; i < 80; i++) {
    const on = random() < 0.4;
    lines.push(`${random().toFixed(3)},${on ? 'yes' : ''},${on ? '1.0' : 'NA'},${on ? 'a' : 'b'},,k,${on !== random() < 0.1 ? 1 : 0}`);
  }
  const { schema } = profileDataset(parseCsv(lines.join('\n')), { target: 'label' });
  const subscribed = schema.features.find((f) => f.name === 'subscribed');

  it('is kept as binary with its one category; all-missing and single-value columns stay constant', () => {
    expect(subscribed).toMatchObject({ type: 'binary', categories: ['yes'] });
    expect(subscribed?.missing).toBe(lines.slice(1).filter((l) => l.split(',')[1] === '').length);
    expect(subscribed?.missing).toBeGreaterThan(0);
    expect(schema.features.find((f) => f.name === 'flag')).toMatchObject({ type: 'binary', categories: ['1'], missing: subscribed?.missing });
    expect(schema.dropped).toEqual([
      { name: 'empty', reason: 'constant', detail: 'every value is missing' },
      { name: 'same', reason: 'constant', detail: 'a single value on every row' },
    ]);
  });

  it('is validated by the predict path as any binary feature: the value or missing; other values as for two categories', () => {
    const validate = buildRequestValidator({ version: 'v1', pipeline: { features: schema.features } as Pipeline }, DEFAULT_SERVING_LIMITS);
    const base = { x: 0.5, subscribed: 'yes', flag: 1, pair: 'a' };
    expect(validate(base)).toEqual({ records: [base], warnings: [], unseen: [] });
    for (const missing of [null, '', 'NA']) {
      expect(validate({ ...base, subscribed: missing, flag: null }).records[0]).toMatchObject({ subscribed: null, flag: null });
    }
    // Another text value: accepted but unseen, exactly as for the two-category 'pair'.
    const other = validate({ ...base, subscribed: 'no', pair: 'c' });
    expect(other.unseen.map((u) => [u.feature, u.value])).toEqual([['subscribed', 'no'], ['pair', 'c']]);
    // A numeric one-value flag takes numbers only, like any 0/1 flag.
    expect(validate({ ...base, flag: '1.0' }).records[0].flag).toBe(1);
    expect(validate({ ...base, flag: 2 }).unseen).toEqual([{ index: 0, feature: 'flag', value: 2 }]);
    expect(() => validate({ ...base, flag: 'maybe' })).toThrow(InvalidPredictRequestError);
  });
});
