import type { ObjectStore, PutOptions, StoredObject } from '../ports/objectStore.js';
import { PreconditionFailedError } from '../ports/errors.js';
import { ConcurrentUpdateError } from './errors.js';

/** Retries of a compare-and-swap: attempts, and the full-jitter backoff between them. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 10, maxDelayMs: 250 };

/** What a read–modify–write step decides: keep the current state (`done`), or `write` a new body. */
export type SwapStep<R> = { readonly done: R } | { readonly write: string; readonly result: R; readonly contentType?: string };

/**
 * Read–modify–write of one key by compare-and-swap: read the object, let `step` decide, and
 * write with If-Match on the ETag read (If-None-Match `*` when the key was absent). A lost race
 * re-reads and retries after a full-jitter backoff (random up to base · 2^(attempt − 1), capped);
 * after `policy.attempts` losses, ConcurrentUpdateError. `step` may throw to abort.
 */
export async function compareAndSwap<R>(
  store: ObjectStore,
  key: string,
  policy: RetryPolicy,
  step: (current: StoredObject | undefined) => SwapStep<R>,
): Promise<R> {
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const current = await store.get(key);
    const decided = step(current);
    if ('done' in decided) return decided.done;
    const condition: PutOptions = current ? { ifMatch: current.etag } : { ifNoneMatch: '*' };
    const options = decided.contentType ? { ...condition, contentType: decided.contentType } : condition;
    if (await tryPut(store, key, decided.write, options)) return decided.result;
    if (attempt < policy.attempts) await jitteredDelay(policy, attempt);
  }
  throw new ConcurrentUpdateError(`${key}: ${policy.attempts} compare-and-swap attempts lost to concurrent writers`);
}

/** A conditional put: true when written, false when its condition failed; other errors propagate. */
export async function tryPut(store: ObjectStore, key: string, body: string, options: PutOptions): Promise<boolean> {
  try {
    await store.put(key, body, options);
    return true;
  } catch (error) {
    if (error instanceof PreconditionFailedError) return false;
    throw error;
  }
}

function jitteredDelay(policy: RetryPolicy, attempt: number): Promise<void> {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delay = Math.random() * ceiling;
  return delay > 0 ? new Promise((resolve) => setTimeout(resolve, delay)) : Promise.resolve();
}
