import { z } from 'zod';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { TimeWindow } from '../registry/partitionedBatches.js';
import { predictionIdTime } from '../registry/schemas.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';

/**
 * The ground-truth counts of a window, as `joinLabels` counts them: distinct predictions logged,
 * those labeled (a label whose prediction_id was logged in the window), and orphan labels (whose
 * prediction_id matches no prediction logged in the window).
 */
export const FeedbackCountsSchema = z.object({
  predictions: z.number().int().nonnegative(),
  labeled: z.number().int().nonnegative(),
  orphans: z.number().int().nonnegative(),
});
export type FeedbackCounts = z.infer<typeof FeedbackCountsSchema>;

/** The prediction ids of one batch object, and their times (epoch ms). */
interface ObjectIds {
  readonly ids: readonly string[];
  readonly times: Float64Array;
}

type Family = 'predictions' | 'labels';
const CONCURRENCY = 16;

/**
 * The counts of `labeledPredictions` without re-reading the window: batch objects are immutable
 * (content-addressed keys), so each one is read once and only its prediction ids are kept. A
 * call lists the window's keys, reads the keys it has not seen, forgets the keys no longer
 * listed (out of the window, or deleted), and counts distinct ids whose time is in `[from, to)`.
 * One per container; memory: one id per logged prediction and label of the window.
 */
export class FeedbackTally {
  private readonly seen: Record<Family, Map<string, ObjectIds>> = { predictions: new Map(), labels: new Map() };

  constructor(private readonly registry: Pick<ModelRegistry, 'predictions' | 'labels'>) {}

  async count(window: TimeWindow): Promise<FeedbackCounts> {
    const [predictions, labels] = await Promise.all([this.ids('predictions', window), this.ids('labels', window)]);
    let labeled = 0;
    for (const id of labels) if (predictions.has(id)) labeled++;
    return { predictions: predictions.size, labeled, orphans: labels.size - labeled };
  }

  /** Objects read so far and still in a window (for tests and diagnostics). */
  cachedObjects(): number {
    return this.seen.predictions.size + this.seen.labels.size;
  }

  private async ids(family: Family, window: TimeWindow): Promise<Set<string>> {
    const store = this.registry[family];
    const seen = this.seen[family];
    const keys = await store.keysOverlapping(window);
    const listed = new Set(keys);
    for (const key of [...seen.keys()]) if (!listed.has(key)) seen.delete(key);
    const unread = keys.filter((key) => !seen.has(key));
    await mapWithConcurrency(unread, CONCURRENCY, async (key) => {
      const lines = await store.readObject(key);
      const ids = lines.map((line) => line.prediction_id);
      seen.set(key, { ids, times: Float64Array.from(ids, (id) => predictionIdTime(id).getTime()) });
    });
    const from = window.from.getTime();
    const to = window.to.getTime();
    const inWindow = new Set<string>();
    for (const key of keys) {
      const { ids, times } = seen.get(key)!;
      ids.forEach((id, i) => {
        if (times[i] >= from && times[i] < to) inWindow.add(id);
      });
    }
    return inWindow;
  }
}
