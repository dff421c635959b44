import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { compareAndSwap, type RetryPolicy } from './compareAndSwap.js';
import type { VersionId } from './ids.js';
import { trainingRunRecordKey } from './keys.js';
import {
  ClaimTrainingRunOptionsSchema,
  TrainingRunRecordSchema,
  type ClaimTrainingRunOptions,
  type TrainingRunClaim,
  type TrainingRunRecord,
} from './schemas.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';
import type { VersionStore } from './versionStore.js';

/**
 * Training-run records, key family `registry/training-runs/<runKey>.json`: the idempotency of
 * training. A record is created when a run is claimed and moves to `done` by compare-and-swap.
 */
export class TrainingRunStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly versions: VersionStore,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
  ) {}

  /**
   * Claims run `runKey`: 'claimed' when this caller should train (a new run, or a 'started' one
   * older than `staleAfterMs`, taken over: its owner presumably crashed); 'in_progress' when
   * another caller holds a fresh claim; 'done' with the registered version.
   */
  async claim(runKey: string, options: ClaimTrainingRunOptions): Promise<TrainingRunClaim> {
    const key = trainingRunRecordKey(runKey);
    const { staleAfterMs } = parseArgument(ClaimTrainingRunOptionsSchema, options, 'claim options');
    return compareAndSwap<TrainingRunClaim>(this.store, key, this.retry, (object) => {
      const now = this.clock.now();
      const record = object ? parseStored(TrainingRunRecordSchema, object.body, key) : undefined;
      if (record?.status === 'done') return { done: { status: 'done', version: record.version } };
      if (record && now.getTime() - Date.parse(record.started_at) <= staleAfterMs) return { done: { status: 'in_progress' } };
      const started: TrainingRunRecord = {
        status: 'started',
        started_at: now.toISOString(),
        claim_id: randomUUID(),
        attempt: (record?.attempt ?? 0) + 1,
      };
      return { write: toStoredJson(started), result: { status: 'claimed' }, contentType: JSON_CONTENT_TYPE };
    });
  }

  /**
   * Marks run `runKey` done with complete `version`. The first completion wins: when the run is
   * already done, nothing changes and its recorded version is returned; otherwise `version` is.
   */
  async complete(runKey: string, version: VersionId): Promise<VersionId> {
    const key = trainingRunRecordKey(runKey);
    const id = await this.versions.requireComplete(version);
    return compareAndSwap<VersionId>(this.store, key, this.retry, (object) => {
      const now = this.clock.now().toISOString();
      const record = object ? parseStored(TrainingRunRecordSchema, object.body, key) : undefined;
      if (record?.status === 'done') return { done: record.version };
      const done: TrainingRunRecord = {
        status: 'done',
        started_at: record?.started_at ?? now,
        claim_id: record?.claim_id ?? randomUUID(),
        attempt: record?.attempt ?? 1,
        completed_at: now,
        version: id,
      };
      return { write: toStoredJson(done), result: id, contentType: JSON_CONTENT_TYPE };
    });
  }
}
