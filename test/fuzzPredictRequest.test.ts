import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../shared/edge/errorResponse.js';
import type { HttpResponse } from '../shared/events/httpApiEvent.js';
import { json } from '../shared/http/responses.js';
import { InvalidPredictRequestError } from '../shared/serving/errors.js';
import { predictRecords } from '../shared/serving/predictRecords.js';
import { requestBody } from '../shared/serving/requestBody.js';
import { checkBodyLimit } from '../shared/http/routeAccess.js';
import type { ServingLimits } from '../shared/serving/servingLimits.js';
import { manualClock } from './support/manualClock.js';
import { testPredictPorts } from './support/predictPorts.js';
import { DIABETES_RECORD, diabetesSlice, fixedProvider, servedModel } from './support/servedModels.js';

/**
 * Property-based tests (fast-check, fixed seeds) of `POST /predict` as its handler composes it
 * (`functions/predict.ts`: body size, JSON body, validator, `errorResponse`): any body gets a 200
 * with one prediction per record, or a 400 naming only real records and features, or a 413;
 * never a 5xx, an untyped exception or a hang. Limits are small so that 413s occur.
 */
const RUNS = { seed: 1204, numRuns: 250 };
/** Any UTF-16 code unit (lone surrogates included) or astral character; cheaper to build than fast-check's `unit: 'binary'`. */
const anyChar = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)));
const LIMITS: ServingLimits = { maxRecords: 4 };
const MAX_BODY_BYTES = 4096;
const model = servedModel(diabetesSlice(), 'v0003', { candidates: ['linear'], cv_folds: 2 });
const FEATURES = model.pipeline.features.map((feature) => feature.name);
const { ports, logged } = testPredictPorts(fixedProvider(model), manualClock());
const served = { ...ports, limits: LIMITS };

/** The handler's route body, with its error mapping: the response for a raw body text. */
async function predict(text: string): Promise<HttpResponse> {
  try {
    checkBodyLimit('POST /predict', Buffer.byteLength(text), 'ALM_MAX_BODY_BYTES', MAX_BODY_BYTES);
    return json(200, await predictRecords(served, requestBody(text, (problems) => new InvalidPredictRequestError(problems))));
  } catch (error) {
    return errorResponse(error);
  }
}

/** The records a body holds, as the validator reads it (undefined when the envelope itself is bad). */
function recordsIn(body: unknown): unknown[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const batch = (body as Record<string, unknown>).records;
  if (!Object.hasOwn(body, 'records')) return [body];
  return Array.isArray(batch) ? batch : undefined;
}

/** Checks one response against its body: 200 with every record answered, 400 naming real places, or 413. */
function checkResponse(response: HttpResponse, body: unknown): void {
  const answer = JSON.parse(response.body);
  expect([200, 400, 413], response.body).toContain(response.statusCode);
  const records = recordsIn(body);
  if (response.statusCode === 200) {
    expect(answer.predictions).toHaveLength(records?.length ?? -1);
    for (const prediction of answer.predictions) expect(typeof prediction.prediction_id).toBe('string');
    return;
  }
  expect(typeof answer.error).toBe('string');
  expect(typeof answer.message).toBe('string');
  if (response.statusCode === 413) return;
  expect(answer.details.length).toBeGreaterThan(0);
  for (const { index, field } of answer.details) {
    if (index !== null) expect(index).toBeLessThan(records?.length ?? 0);
    if (index !== null && field !== null) expect(FEATURES).toContain(field);
  }
}

/** Values a feature might be sent: right, wrong, extreme. */
const featureValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, false, '', ' ', 'NaN', 'Infinity', '1e999', '-1e999', '42', ' 7 ', 'Female', 'never', 'NA', '__proto__', '<script>'),
  fc.string({ maxLength: 80 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** A valid record with some features changed, some removed and some fields added (prototype-looking keys included). */
const record = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...FEATURES), featureValue, { maxKeys: 3 }),
    fc.subarray(FEATURES, { maxLength: 2 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'records', 'toString')), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  )
  .map(([changes, removed, extra]) => {
    const out: Record<string, unknown> = JSON.parse(JSON.stringify({ ...extra, ...DIABETES_RECORD }));
    for (const [key, value] of Object.entries(changes)) out[key] = value;
    for (const key of removed) delete out[key];
    return out;
  });
const body = fc.oneof(
  record,
  fc.record({ records: fc.array(fc.oneof({ weight: 4, arbitrary: record }, fc.jsonValue({ maxDepth: 1 })), { maxLength: 6 }) }),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('POST /predict on random bodies', () => {
  it('random records and batches: 200 with every record answered, 400 naming real records and features, or 413', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        // `JSON.stringify` of a JSON value; an own "__proto__" key survives as JSON text.
        const response = await predict(JSON.stringify(value));
        checkResponse(response, value);
        statuses.add(response.statusCode);
      }),
      RUNS,
    );
    expect([...statuses].sort()).toEqual([200, 400, 413]);
  });

  it('random text, truncated JSON and deep nesting: a 4xx, never a 5xx', async () => {
    const valid = JSON.stringify({ records: [DIABETES_RECORD] });
    const text = fc.oneof(
      fc.string({ unit: anyChar, maxLength: 100 }),
      fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
      fc.integer({ min: 1, max: 2000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      fc.integer({ min: 1, max: 1000 }).map((depth) => JSON.stringify({ ...DIABETES_RECORD, age: 0 }).replace('"age":0', `"age":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
      fc.constantFrom('', ' ', 'null', '[]', '{}', '{"records":[]}', '{"records":{}}', '\ufeff{}', '{"records":[null]}'),
    );
    await fc.assert(
      fc.asyncProperty(text, async (raw) => {
        const response = await predict(raw);
        if (response.statusCode === 200) return; // a prefix can still be a complete record
        expect([400, 413], response.body).toContain(response.statusCode);
        expect(JSON.parse(response.body).error).toMatch(/Error$/);
      }),
      RUNS,
    );
  });

  it('an accepted record is served with exactly the model features, numbers finite, and logged once', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(record, async (value) => {
        const before = logged.length;
        const response = await predict(JSON.stringify(value));
        if (response.statusCode !== 200) return;
        accepted++;
        expect(logged.length).toBe(before + 1);
        const sent = logged.at(-1)?.record ?? {};
        expect(Object.keys(sent).sort()).toEqual([...FEATURES].sort());
        for (const v of Object.values(sent)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }),
      RUNS,
    );
    expect(accepted).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it('bodies past the limits are a 413, never a 5xx: records beyond maxRecords, bytes beyond maxBodyBytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: LIMITS.maxRecords + 1, max: 40 }), fc.integer({ min: MAX_BODY_BYTES + 1, max: 3 * MAX_BODY_BYTES }), async (count, bytes) => {
        const many = await predict(JSON.stringify({ records: Array.from({ length: count }, () => 0) }));
        const large = await predict(JSON.stringify({ ...DIABETES_RECORD, pad: 'x'.repeat(bytes) }));
        expect([many.statusCode, large.statusCode]).toEqual([413, 413]);
      }),
      { ...RUNS, numRuns: 50 },
    );
  });
});
