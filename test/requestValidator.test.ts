import { describe, expect, it } from 'vitest';
import { errorResponse } from '../shared/edge/errorResponse.js';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { PayloadTooLargeError } from '../shared/http/errors.js';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { buildRequestValidator } from '../shared/serving/requestValidator.js';
import { checkBodyLimit } from '../shared/http/routeAccess.js';
import { DEFAULT_SERVING_LIMITS } from '../shared/serving/servingLimits.js';
import { DIABETES_RECORD, diabetesSlice, servedModel } from './support/servedModels.js';

const model = servedModel(diabetesSlice());
const validate = buildRequestValidator(model, DEFAULT_SERVING_LIMITS);
const FEATURES = ['gender', 'age', 'hypertension', 'heart_disease', 'smoking_history', 'bmi', 'HbA1c_level', 'blood_glucose_level'];
const VALID = DIABETES_RECORD;

/** VALID with some fields replaced (`undefined` removes one). */
function record(changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...VALID, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete merged[key];
  return merged;
}

/** A record whose one field `field` has the raw JSON text `json` (for numbers JSON.parse reads as ±Infinity). */
function fromJson(field: string, json: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(VALID).replace(new RegExp(`"${field}":[^,}]+`), `"${field}":${json}`));
}

type Where = [index: number | null, field: string | null];

interface Malformed {
  readonly name: string;
  readonly body: unknown;
  /** Every (record index, field) the 400 must name, and nothing else; absent for a 413. */
  readonly names?: Where[];
}

const BAD_NUMBERS: [string, string][] = [
  ['a number overflowing to Infinity (1e999)', '1e999'],
  ['a number overflowing to -Infinity (-1e999)', '-1e999'],
  ['the string "NaN"', '"NaN"'],
  ['the string "Infinity"', '"Infinity"'],
  ['the string "1e999"', '"1e999"'],
  ['the string "-1e999"', '"-1e999"'],
  ['a non-numeric string ("maybe")', '"maybe"'],
  ['an empty string', '""'],
  ['a blank string', '"   "'],
  ['a number with a unit ("42 years")', '"42 years"'],
  ['a boolean', 'true'],
  ['an object', '{"value": 42}'],
  ['an array', '[42]'],
];

const MALFORMED: Malformed[] = [
  { name: 'a JSON array as the body', body: [VALID], names: [[null, null]] },
  { name: 'a JSON string as the body', body: 'gender=Female', names: [[null, null]] },
  { name: 'a JSON number as the body', body: 42, names: [[null, null]] },
  { name: 'JSON null as the body', body: null, names: [[null, null]] },
  { name: 'a JSON boolean as the body', body: true, names: [[null, null]] },
  { name: '`records` an object', body: { records: VALID }, names: [[null, 'records']] },
  { name: '`records` a string', body: { records: 'all of them' }, names: [[null, 'records']] },
  { name: '`records` null', body: { records: null }, names: [[null, 'records']] },
  { name: 'an empty batch', body: { records: [] }, names: [[null, 'records']] },
  {
    name: 'batch elements that are not objects',
    body: { records: [VALID, 5, null, [VALID], 'x'] },
    names: [[1, null], [2, null], [3, null], [4, null]],
  },
  { name: 'more records than the limit', body: { records: Array.from({ length: 1001 }, () => VALID) } },
  { name: 'an empty object (every feature missing)', body: {}, names: FEATURES.map((f): Where => [0, f]) },
  { name: 'one feature missing', body: record({ age: undefined }), names: [[0, 'age']] },
  {
    name: 'six features missing and a non-numeric age (the issue’s example)',
    body: { gender: 'Male', age: 'forty' },
    names: [[0, 'age'], ...FEATURES.slice(2).map((f): Where => [0, f])],
  },
  ...BAD_NUMBERS.map(([what, json]): Malformed => ({ name: `numeric feature: ${what}`, body: fromJson('bmi', json), names: [[0, 'bmi']] })),
  { name: 'numeric feature: NaN as a number', body: record({ age: Number.NaN }), names: [[0, 'age']] },
  { name: '0/1 flag: a non-numeric string ("maybe")', body: record({ hypertension: 'maybe' }), names: [[0, 'hypertension']] },
  { name: '0/1 flag: "yes"', body: record({ heart_disease: 'yes' }), names: [[0, 'heart_disease']] },
  { name: '0/1 flag: a boolean', body: record({ hypertension: true }), names: [[0, 'hypertension']] },
  { name: '0/1 flag: an object', body: record({ hypertension: { value: 1 } }), names: [[0, 'hypertension']] },
  { name: '0/1 flag: 1e999', body: fromJson('heart_disease', '1e999'), names: [[0, 'heart_disease']] },
  { name: '0/1 flag: the string "NaN"', body: record({ heart_disease: 'NaN' }), names: [[0, 'heart_disease']] },
  { name: 'categorical feature: an object', body: record({ smoking_history: { text: 'never' } }), names: [[0, 'smoking_history']] },
  { name: 'categorical feature: an array', body: record({ smoking_history: ['never'] }), names: [[0, 'smoking_history']] },
  { name: 'binary text feature: an array', body: record({ gender: ['Female'] }), names: [[0, 'gender']] },
  { name: 'categorical feature: 1e999', body: fromJson('smoking_history', '1e999'), names: [[0, 'smoking_history']] },
  {
    name: 'every feature wrong in one record',
    body: {
      gender: {},
      age: 'old',
      hypertension: 'no',
      heart_disease: false,
      smoking_history: [],
      bmi: '1e999',
      HbA1c_level: 'NaN',
      blood_glucose_level: { mg: 140 },
    },
    names: FEATURES.map((f): Where => [0, f]),
  },
  {
    name: 'a batch with bad fields in several records',
    body: {
      records: [
        VALID,
        record({ age: 'maybe' }),
        record({ bmi: undefined, hypertension: 'true' }),
        7,
        record({ gender: null, smoking_history: ['x'], blood_glucose_level: '' }),
      ],
    },
    names: [[1, 'age'], [2, 'hypertension'], [2, 'bmi'], [3, null], [4, 'smoking_history'], [4, 'blood_glucose_level']],
  },
];

function thrown(body: unknown, check = validate): unknown {
  try {
    check(body);
  } catch (error) {
    return error;
  }
  throw new Error('the request was accepted');
}

const byPlace = ([a, b]: Where, [c, d]: Where) => (a ?? -1) - (c ?? -1) || String(b).localeCompare(String(d));

describe('predict request validation: malformed requests', () => {
  it('has at least 30 cases', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('$name → 4xx with a JSON error body naming every bad record and field', ({ body, names }) => {
    const error = thrown(body);
    const response = errorResponse(error);
    const answer = JSON.parse(response.body);
    if (!names) {
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      expect([errorStatus(error).http, response.statusCode, answer.error]).toEqual([413, 413, 'PayloadTooLargeError']);
      return;
    }
    expect(error).toBeInstanceOf(InvalidPredictRequestError);
    expect([errorStatus(error).http, response.statusCode, answer.error]).toEqual([400, 400, 'InvalidPredictRequestError']);
    const details = (error as InvalidPredictRequestError).details;
    expect(answer.details).toEqual(details);
    expect(details.map((d): Where => [d.index, d.field]).sort(byPlace)).toEqual([...names].sort(byPlace));
    for (const detail of details) expect(detail.message).toMatch(/\w/);
  });

  it('says what is wrong with each field, and quotes the first problems in the message', () => {
    const error = thrown({ records: [record({ age: 'maybe', bmi: '1e999' }), record({ hypertension: 'maybe', gender: undefined })] });
    expect((error as InvalidPredictRequestError).details).toEqual([
      { index: 0, field: 'age', message: "'maybe' is not a number" },
      { index: 0, field: 'bmi', message: "'1e999' is not a finite number" },
      { index: 1, field: 'gender', message: 'missing (send null for a missing value)' },
      { index: 1, field: 'hypertension', message: "'maybe' is not a number (the training values of 'hypertension' were all numbers)" },
    ]);
    expect((error as Error).message).toMatch(/^invalid predict request \(4 problems\): record 0 'age': 'maybe' is not a number; /);
  });

  it('takes the record limit from its limits', () => {
    const small = buildRequestValidator(model, { ...DEFAULT_SERVING_LIMITS, maxRecords: 2 });
    expect(small({ records: [VALID, VALID] }).records).toHaveLength(2);
    expect(thrown({ records: [VALID, VALID, VALID] }, small)).toBeInstanceOf(PayloadTooLargeError);
  });

  it('the body limit refuses a body over the byte limit with a 413', () => {
    expect(() => checkBodyLimit('POST /predict', 1024 * 1024, 'ALM_MAX_BODY_BYTES', 1024 * 1024)).not.toThrow();
    expect(() => checkBodyLimit('POST /predict', 1024 * 1024 + 1, 'ALM_MAX_BODY_BYTES', 1024 * 1024)).toThrow(PayloadTooLargeError);
  });
});

describe('predict request validation: accepted requests', () => {
  it('accepts null for every feature as a missing value', () => {
    const nulls = Object.fromEntries(FEATURES.map((f) => [f, null]));
    expect(validate(nulls)).toEqual({ records: [nulls], warnings: [], unseen: [] });
  });

  it('reads numeric strings as numbers, for numeric features and 0/1 flags alike', () => {
    const { records, warnings } = validate(record({ age: '42', bmi: ' 25.5 ', hypertension: '1', heart_disease: '1.0' }));
    expect(records[0]).toMatchObject({ age: 42, bmi: 25.5, hypertension: 1, heart_disease: 1 });
    expect(warnings).toEqual([]);
  });

  it('keeps only the schema features and warns once per distinct extra field', () => {
    const { records, warnings } = validate({ records: [record({ foo: 1, diabetes: 0 }), record({ foo: 2 })], client: 'x' });
    expect(records).toEqual([VALID, VALID]);
    expect(warnings.sort()).toEqual([
      "ignored field 'client' of the request (beside 'records')",
      "ignored field 'diabetes' (not a feature of v0003)",
      "ignored field 'foo' (not a feature of v0003)",
    ]);
  });

  it('accepts an unseen category, warns about it once and lists every occurrence', () => {
    const unusual = record({ smoking_history: 'sometimes', gender: 'Other', hypertension: 2 });
    const { records, warnings, unseen } = validate({ records: [record({ smoking_history: 'sometimes' }), unusual] });
    expect(records[1]).toMatchObject({ smoking_history: 'sometimes', gender: 'Other', hypertension: 2 });
    expect(unseen).toEqual([
      { index: 0, feature: 'smoking_history', value: 'sometimes' },
      { index: 1, feature: 'gender', value: 'Other' },
      { index: 1, feature: 'hypertension', value: 2 },
      { index: 1, feature: 'smoking_history', value: 'sometimes' },
    ]);
    expect(warnings).toEqual([
      "unseen category 'sometimes' of feature 'smoking_history' (not in the training data of v0003)",
      "unseen category 'Other' of feature 'gender' (not in the training data of v0003)",
      "unseen category 2 of feature 'hypertension' (not in the training data of v0003)",
    ]);
  });

  it('reads a CSV missing marker in a text feature as missing, as training did, and trims text', () => {
    const { records, unseen } = validate(record({ smoking_history: 'NA', gender: ' Male ' }));
    expect(records[0]).toMatchObject({ smoking_history: null, gender: 'Male' });
    expect(unseen).toEqual([]);
  });

  it('accepts a batch of exactly the record limit', () => {
    expect(validate({ records: Array.from({ length: 1000 }, () => VALID) }).records).toHaveLength(1000);
  });
});
