import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TargetSpec } from '../shared/automl/schema/datasetSchema.js';
import { errorResponse } from '../shared/edge/errorResponse.js';
import type { HttpResponse } from '../shared/events/httpApiEvent.js';
import { json } from '../shared/http/responses.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { InvalidFeedbackError } from '../shared/serving/errors.js';
import { recordFeedback } from '../shared/serving/recordFeedback.js';
import { requestBody } from '../shared/serving/requestBody.js';
import { checkBodyLimit } from '../shared/http/routeAccess.js';
import type { ServingLimits } from '../shared/serving/servingLimits.js';
import { manualClock } from './support/manualClock.js';
import { BINARY_01, predictionIdAt, seededRandomFill } from './support/predictionLogFixtures.js';
import { RecordingMetrics } from './support/recordingMetrics.js';
import { SpyStore } from './support/spyStore.js';

/**
 * Property-based tests (fast-check, fixed seeds) of `POST /feedback` as its handler composes it
 * (`functions/ingest.ts`: body size, JSON body, `recordFeedback`, `errorResponse`), for each kind
 * of target: any body gets a 200 storing exactly the labels it accepted, or a 400 naming only
 * real labels and fields and storing nothing, or a 413; never a 5xx, an untyped exception or a hang.
 */
const RUNS = { seed: 1205, numRuns: 200 };
/** Any UTF-16 code unit (lone surrogates included) or astral character; cheaper to build than fast-check's `unit: 'binary'`. */
const anyChar = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)));
const LIMITS: ServingLimits = { maxRecords: 5 };
const MAX_BODY_BYTES = 4096;
const TARGETS: readonly TargetSpec[] = [
  BINARY_01,
  { name: 'churn', rule: 'name', task: 'binary', classes: ['no', 'yes'], positive_class: 'yes' },
  { name: 'tier', rule: 'last_column', task: 'multiclass', classes: ['bronze', 'gold', 'silver'] },
  { name: 'price', rule: 'option', task: 'regression' },
];

/** The handler's route body with its error mapping, on a fresh store: the response and what was written. */
async function feedback(target: TargetSpec, text: string): Promise<{ response: HttpResponse; puts: number }> {
  const store = new SpyStore();
  const ports = { labels: createModelRegistry(store, { clock: manualClock() }).labels, clock: manualClock('2025-03-02T08:00:00Z'), metrics: new RecordingMetrics() };
  try {
    checkBodyLimit('POST /feedback', Buffer.byteLength(text), 'ALM_MAX_BODY_BYTES', MAX_BODY_BYTES);
    const body = requestBody(text, (problems) => new InvalidFeedbackError(problems));
    return { response: json(200, await recordFeedback(ports, target, body, LIMITS)), puts: store.puts().length };
  } catch (error) {
    return { response: errorResponse(error), puts: store.puts().length };
  }
}

const ids = fc.integer({ min: 0, max: 1e6 }).map((seed) => predictionIdAt('2025-03-01T10:00:00Z', seededRandomFill(seed)));
const actual = fc.oneof(
  fc.constantFrom(0, 1, '0', '1', ' 1 ', 'yes', 'no', ' gold ', 'Gold', 'silver', 1.5, -0, '', null, true, '__proto__', 'constructor'),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** A label: mostly right for `spec` (a logged id, a class or value of its target), else anything. */
const labelFor = (spec: TargetSpec) =>
  fc.record(
    {
      prediction_id: fc.oneof({ weight: 6, arbitrary: ids }, fc.jsonValue({ maxDepth: 1 }), ids.map((id) => id.toUpperCase()), fc.uuid()),
      actual: fc.oneof({ weight: 3, arbitrary: spec.classes ? fc.constantFrom(...spec.classes) : fc.double({ noNaN: true, noDefaultInfinity: true }) }, actual),
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: ['prediction_id', 'actual'] },
  );
const bodyFor = (spec: TargetSpec) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ records: fc.array(fc.oneof({ weight: 8, arbitrary: labelFor(spec) }, fc.jsonValue({ maxDepth: 1 })), { maxLength: 7 }) }) },
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom('records', '__proto__', 'labels'), fc.jsonValue({ maxDepth: 2 })),
  );
const target = fc.constantFrom(...TARGETS);

describe('POST /feedback on random bodies', () => {
  it('200 storing exactly what it accepted, or a 400 naming real labels and storing nothing, or a 413', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(target.chain((spec) => fc.tuple(fc.constant(spec), bodyFor(spec))), async ([spec, value]) => {
        const { response, puts } = await feedback(spec, JSON.stringify(value));
        const answer = JSON.parse(response.body);
        statuses.add(response.statusCode);
        expect([200, 400, 413], response.body).toContain(response.statusCode);
        const records = typeof value === 'object' && value !== null ? (value as { records?: unknown }).records : undefined;
        if (response.statusCode === 200) {
          expect(answer.accepted).toBe((records as unknown[]).length);
          expect(puts).toBeGreaterThan(0);
          return;
        }
        expect(puts).toBe(0);
        if (response.statusCode === 413) return;
        expect(answer.error).toBe('InvalidFeedbackError');
        for (const { index, field } of answer.details) {
          if (index !== null) expect(index).toBeLessThan((records as unknown[]).length);
          expect([null, 'records', 'prediction_id', 'actual']).toContain(field);
        }
      }),
      RUNS,
    );
    expect([...statuses].sort()).toEqual([200, 400, 413]);
  });

  it('a UUIDv7 whose time no partition key can hold (past 2286) is a 400 naming it, with nothing stored (found by this test)', async () => {
    const late = fc.tuple(fc.integer({ min: 10_000_000_000_000, max: 2 ** 48 - 1 }), ids).map(([ms, id]) => {
      const hex = ms.toString(16).padStart(12, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8)}${id.slice(13)}`;
    });
    const batch = fc.tuple(fc.array(ids, { minLength: 1, maxLength: 4 }), late, fc.nat());
    await fc.assert(
      fc.asyncProperty(batch, async ([good, bad, at]) => {
        const index = at % (good.length + 1);
        const records = [...good.slice(0, index), bad, ...good.slice(index)].map((prediction_id) => ({ prediction_id, actual: 1 }));
        const { response, puts } = await feedback(BINARY_01, JSON.stringify({ records }));
        expect([response.statusCode, puts]).toEqual([400, 0]);
        expect(JSON.parse(response.body).details).toEqual([{ index, field: 'prediction_id', message: expect.stringMatching(/past 2286/) }]);
      }),
      { ...RUNS, numRuns: 50 },
    );
  });

  it('random text and truncated JSON: a 4xx, nothing stored', async () => {
    const valid = JSON.stringify({ records: [{ prediction_id: predictionIdAt('2025-03-01T10:00:00Z'), actual: 1 }] });
    const text = fc.oneof(
      fc.string({ unit: anyChar, maxLength: 100 }),
      fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
      fc.integer({ min: 1, max: 2000 }).map((depth) => `{"records":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      fc.constantFrom('', 'null', '[]', '{}', '{"records":[]}', '{"records":null}', '{"records":[[]]}'),
    );
    await fc.assert(
      fc.asyncProperty(target, text, async (spec, raw) => {
        const { response, puts } = await feedback(spec, raw);
        expect([400, 413], response.body).toContain(response.statusCode);
        expect(puts).toBe(0);
      }),
      RUNS,
    );
  });
});
