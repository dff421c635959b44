import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { compareAndSwap, type RetryPolicy } from './compareAndSwap.js';
import { ConcurrentUpdateError, NothingToRollBackError } from './errors.js';
import type { VersionId } from './ids.js';
import { productionKey } from './keys.js';
import {
  ProductionPointerSchema,
  PromoteOptionsSchema,
  RollbackOptionsSchema,
  type ProductionPointer,
  type PromoteOptions,
  type PromotionEvent,
  type RollbackOptions,
} from './schemas.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';
import type { VersionStore } from './versionStore.js';

/**
 * The production pointer, key `registry/production.json`: the version in production *and* the
 * whole append-only history of the pointer, so both change together under one compare-and-swap
 * (If-Match its ETag; If-None-Match `*` the first time). A concurrent promote can never lose an
 * update or its audit entry.
 */
export class ProductionPointerStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly versions: VersionStore,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
  ) {}

  /** The pointer and its ETag, or undefined before the first promotion. */
  async get(): Promise<{ pointer: ProductionPointer; etag: string } | undefined> {
    const object = await this.store.get(productionKey());
    return object ? { pointer: parseStored(ProductionPointerSchema, object.body, productionKey()), etag: object.etag } : undefined;
  }

  /** The pointer's ETag (one HEAD: cheap change detection), or undefined. */
  async etag(): Promise<string | undefined> {
    return (await this.store.head(productionKey()))?.etag;
  }

  /**
   * Puts complete `version` in production, appending one event to the history. Promoting the
   * version already in production is a no-op returning the current pointer. VersionNotFoundError
   * for an incomplete or unknown version; ConcurrentUpdateError when every CAS attempt lost.
   */
  async promote(version: VersionId, options: PromoteOptions): Promise<ProductionPointer> {
    const event = parseArgument(PromoteOptionsSchema, options, 'promote options');
    const id = await this.versions.requireComplete(version);
    return this.swap(() => id, event);
  }

  /**
   * Promotes the pointer's `previous` version with kind 'rollback' (so a second rollback goes
   * back again: it toggles). NothingToRollBackError when there is no pointer or no previous;
   * with `from`, ConcurrentUpdateError when production is no longer that version.
   */
  async rollback(options: RollbackOptions, from?: VersionId): Promise<ProductionPointer> {
    const event = parseArgument(RollbackOptionsSchema, options, 'rollback options');
    return this.swap((current) => {
      if (!current) throw new NothingToRollBackError('nothing to roll back: no version is in production');
      if (from !== undefined && current.version !== from) {
        throw new ConcurrentUpdateError(`not rolled back: production moved from ${from} to ${current.version} in the meantime`);
      }
      if (current.previous === null) throw new NothingToRollBackError(`nothing to roll back: ${current.version} has no previous version`);
      return current.previous;
    }, { ...event, kind: 'rollback' });
  }

  /** Moves the pointer to `target(current)` by compare-and-swap; a no-op when it is there already. */
  private swap(
    target: (current: ProductionPointer | undefined) => VersionId,
    event: Pick<PromotionEvent, 'reason' | 'actor' | 'kind'>,
  ): Promise<ProductionPointer> {
    const key = productionKey();
    return compareAndSwap<ProductionPointer>(this.store, key, this.retry, (object) => {
      const current = object ? parseStored(ProductionPointerSchema, object.body, key) : undefined;
      const version = target(current);
      if (current && current.version === version) return { done: current };
      const next = nextPointer(current, version, { ...event, at: this.clock.now().toISOString() });
      return { write: toStoredJson(next), result: next, contentType: JSON_CONTENT_TYPE };
    });
  }
}

/** The pointer after moving to `version`: sequence + 1, one more event, history otherwise unchanged. */
function nextPointer(
  current: ProductionPointer | undefined,
  version: VersionId,
  change: Omit<PromotionEvent, 'sequence' | 'version' | 'previous'>,
): ProductionPointer {
  const event: PromotionEvent = { sequence: (current?.sequence ?? 0) + 1, version, previous: current?.version ?? null, ...change };
  return {
    version,
    sequence: event.sequence,
    promoted_at: event.at,
    reason: event.reason,
    actor: event.actor,
    previous: event.previous,
    history: [...(current?.history ?? []), event],
  };
}
