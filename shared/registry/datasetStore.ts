import type { Clock } from '../ports/clock.js';
import { PreconditionFailedError } from '../ports/errors.js';
import type { ObjectUploader } from '../ports/byteSource.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { sha256Hex } from '../util/sha256.js';
import { parseDatasetDigest } from './ids.js';
import { datasetKey, latestDatasetKey } from './keys.js';
import { LatestDatasetSchema, type LatestDataset } from './schemas.js';
import { JSON_CONTENT_TYPE, parseStored, toStoredJson } from './storedDocument.js';

/**
 * Ingested datasets, key family `datasets/`: each CSV stored once under the SHA-256 of its text
 * (If-None-Match `*`: content-addressed, never overwritten), and `datasets/latest.json` naming
 * the most recent one. A large CSV is stored from a stream (`putStream`) by an `ObjectUploader`.
 */
export class DatasetStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  /** Stores `csv` once; storing the same content again is a no-op (`created: false`). */
  async put(csv: string): Promise<{ digest: string; key: string; created: boolean }> {
    const digest = sha256Hex(csv);
    const key = datasetKey(digest);
    try {
      await this.store.put(key, csv, { ifNoneMatch: '*', contentType: 'text/csv' });
      return { digest, key, created: true };
    } catch (error) {
      if (error instanceof PreconditionFailedError) return { digest, key, created: false };
      throw error;
    }
  }

  /**
   * Stores a CSV whose digest the caller computed, from a stream, through `uploader`: when
   * `datasets/<digest>.csv` already exists `body` is never read (`created: false`); otherwise it
   * is uploaded create-only, and a concurrent identical upload that won is `created: false` too.
   * `body` must yield exactly the bytes of `digest` (the caller checks it as they stream).
   */
  async putStream(digest: string, body: AsyncIterable<Uint8Array>, uploader: ObjectUploader): Promise<{ digest: string; key: string; created: boolean }> {
    const key = datasetKey(digest);
    if (await this.store.head(key)) return { digest, key, created: false };
    try {
      await uploader.upload(key, body, { ifNoneMatch: '*', contentType: 'text/csv' });
      return { digest, key, created: true };
    } catch (error) {
      if (error instanceof PreconditionFailedError) return { digest, key, created: false };
      throw error;
    }
  }

  /** Records `digest` as the most recently ingested dataset, now; InvalidIdError (before any store call) for a malformed digest. */
  async markLatest(digest: string): Promise<LatestDataset> {
    const latest: LatestDataset = { digest: parseDatasetDigest(digest), ingested_at: this.clock.now().toISOString() };
    await this.store.put(latestDatasetKey(), toStoredJson(latest), { contentType: JSON_CONTENT_TYPE });
    return latest;
  }

  /** The most recently ingested dataset, or undefined. */
  async latest(): Promise<LatestDataset | undefined> {
    const object = await this.store.get(latestDatasetKey());
    return object ? parseStored(LatestDatasetSchema, object.body, latestDatasetKey()) : undefined;
  }

  /** The CSV of `digest`, or undefined. */
  async get(digest: string): Promise<string | undefined> {
    return (await this.store.get(datasetKey(digest)))?.body;
  }
}
