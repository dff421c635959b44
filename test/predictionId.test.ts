import { describe, expect, it } from 'vitest';
import { InvalidPredictionIdError } from '../shared/serving/errors.js';
import { createPredictionIds, predictionTime } from '../shared/serving/predictionId.js';
import { PredictionIdSchema } from '../shared/serving/predictionLogRecord.js';
import { manualClock } from './support/manualClock.js';

describe('prediction ids (UUIDv7)', () => {
  it('match the PredictionIdSchema: lowercase, version 7, variant 10', () => {
    const next = createPredictionIds(manualClock());
    for (let i = 0; i < 1000; i++) expect(PredictionIdSchema.safeParse(next()).success).toBe(true);
  });

  it('carry the clock time to the millisecond', () => {
    const clock = manualClock('2026-03-04T05:06:07.089Z');
    const next = createPredictionIds(clock);
    expect(predictionTime(next()).toISOString()).toBe('2026-03-04T05:06:07.089Z');
    clock.advance(3_600_000 + 1);
    expect(predictionTime(next()).toISOString()).toBe('2026-03-04T06:06:07.090Z');
  });

  it('sort in the order they were made, across and within milliseconds', () => {
    const clock = manualClock();
    const next = createPredictionIds(clock);
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      ids.push(next());
      if (i % 7 === 0) clock.advance(1);
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('stay monotonic when the clock goes back, carrying the later time', () => {
    const clock = manualClock('2026-01-01T00:00:01.000Z');
    const next = createPredictionIds(clock);
    const first = next();
    clock.advance(-500);
    const second = next();
    expect(second > first).toBe(true);
    expect(predictionTime(second).getTime()).toBe(predictionTime(first).getTime());
  });

  it('are unique over 100,000 ids made in one millisecond', () => {
    const next = createPredictionIds(manualClock());
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(next());
    expect(ids.size).toBe(100_000);
  });

  it('use rand_a as a counter seeded at random per millisecond, and rand_b from the random source', () => {
    const zeros = createPredictionIds(manualClock('1970-01-01T00:00:00.001Z'), (bytes) => bytes.fill(0));
    expect([zeros(), zeros()]).toEqual(['00000000-0001-7000-8000-000000000000', '00000000-0001-7001-8000-000000000000']);
    const ones = createPredictionIds(manualClock('1970-01-01T00:00:00.001Z'), (bytes) => bytes.fill(0xff));
    expect(ones()).toBe('00000000-0001-77ff-bfff-ffffffffffff');
  });

  it('predictionTime refuses text that is not a UUIDv7', () => {
    expect(() => predictionTime('not-an-id')).toThrow(InvalidPredictionIdError);
    expect(() => predictionTime('0190a6c4-8f2e-4c3b-8d1e-123456789abc')).toThrow(InvalidPredictionIdError);
  });
});
