import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { FeedbackTally } from '../shared/serving/feedbackTally.js';
import { labeledPredictions } from '../shared/serving/labeledPredictions.js';
import { storePredictionLog } from '../shared/serving/storePredictionLog.js';
import { manualClock } from './support/manualClock.js';
import { label, logRecords, predictionIdAt, window } from './support/predictionLogFixtures.js';
import { SpyStore } from './support/spyStore.js';

function setup() {
  const store = new SpyStore();
  const registry = createModelRegistry(store, { clock: manualClock() });
  return { store, registry, tally: new FeedbackTally(registry) };
}

const WINDOW = window('2025-03-01T09:00:00Z', '2025-03-01T12:00:00Z');
const gets = (store: SpyStore) => store.calls.filter((call) => call.op === 'get').length;

describe('FeedbackTally', () => {
  it('counts what the join counts: distinct predictions, labeled ones, orphans (replays, overlaps and relabels included)', async () => {
    const { registry, tally } = setup();
    const logged = logRecords('2025-03-01T09:30:00Z', 10, 15 * 60_000);
    await storePredictionLog(registry, { records: logged.slice(0, 6) });
    await storePredictionLog(registry, { records: logged.slice(4) });
    await storePredictionLog(registry, { records: logged.slice(4) });
    const orphans = [predictionIdAt('2025-03-01T10:10:00Z'), predictionIdAt('2025-03-01T11:20:00Z')];
    await registry.labels.writeBatch([label(logged[1].prediction_id, 1), label(logged[4].prediction_id, 1), label(orphans[0], 0)]);
    await registry.labels.writeBatch([label(logged[4].prediction_id, 0, '2025-03-01T13:00:00.000Z'), label(logged[8].prediction_id, 0), label(orphans[1], 1)]);

    const joined = await labeledPredictions(registry, WINDOW);
    expect(await tally.count(WINDOW)).toEqual({ predictions: joined.predictions, labeled: joined.rows.length, orphans: joined.orphans });
    expect(await tally.count(WINDOW)).toEqual({ predictions: 10, labeled: 3, orphans: 2 });
  });

  it('reads each batch object once: a second count reads only the objects written since', async () => {
    const { store, registry, tally } = setup();
    const logged = logRecords('2025-03-01T09:30:00Z', 8, 10 * 60_000);
    await storePredictionLog(registry, { records: logged.slice(0, 4) });
    await registry.labels.writeBatch([label(logged[0].prediction_id, 1)]);
    expect(await tally.count(WINDOW)).toEqual({ predictions: 4, labeled: 1, orphans: 0 });
    const objects = tally.cachedObjects();
    const before = gets(store);
    expect(await tally.count(WINDOW)).toEqual({ predictions: 4, labeled: 1, orphans: 0 });
    expect(gets(store)).toBe(before);

    const written = await storePredictionLog(registry, { records: logged.slice(4) });
    await registry.labels.writeBatch([label(logged[6].prediction_id, 0)]);
    expect(await tally.count(WINDOW)).toEqual({ predictions: 8, labeled: 2, orphans: 0 });
    expect(gets(store) - before).toBe(written.written + 1);
    expect(tally.cachedObjects()).toBe(objects + written.written + 1);
  });

  it('forgets objects that left the window, and counts only times inside it', async () => {
    const { registry, tally } = setup();
    const early = logRecords('2025-03-01T09:10:00Z', 3, 60_000);
    const late = logRecords('2025-03-01T11:50:00Z', 3, 5 * 60_000);
    await storePredictionLog(registry, { records: early });
    await storePredictionLog(registry, { records: late });
    await registry.labels.writeBatch([label(early[0].prediction_id, 1), label(late[2].prediction_id, 0)]);
    expect(await tally.count(WINDOW)).toEqual({ predictions: 5, labeled: 1, orphans: 0 });
    const later = window('2025-03-01T10:00:00Z', '2025-03-01T13:00:00Z');
    expect(await tally.count(later)).toEqual({ predictions: 3, labeled: 1, orphans: 0 });
    const joined = await labeledPredictions(registry, later);
    expect(joined).toMatchObject({ predictions: 3, orphans: 0 });
    expect(tally.cachedObjects()).toBe(3); // hour 11 and 12 predictions, hour 12 label: the 09:00 objects are gone
  });
});
