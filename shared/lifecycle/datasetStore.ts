import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PreconditionFailedError } from '../registry/errors.js';
import type { ObjectStore } from '../registry/objectStore.js';
import { Sha256Schema } from './messages.js';

/** `datasets/<sha256>.csv`: ingested CSVs, content-addressed and never overwritten. */
export function datasetKey(digest: string): string {
  return `datasets/${Sha256Schema.parse(digest)}.csv`;
}

/** Hex SHA-256 of a text, as UTF-8. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const LATEST_KEY = 'datasets/latest.json';
const LatestSchema = z.object({ digest: Sha256Schema, ingested_at: z.string() });

/** Stores and reads ingested datasets by content digest. */
export class DatasetStore {
  constructor(private readonly store: ObjectStore) {}

  /** Stores `csv` once; storing the same content again is a no-op. */
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

  /** Records `digest` as the most recently ingested dataset (`datasets/latest.json`). */
  async markLatest(digest: string, at: Date): Promise<void> {
    const body = JSON.stringify({ digest: Sha256Schema.parse(digest), ingested_at: at.toISOString() });
    await this.store.put(LATEST_KEY, body, { contentType: 'application/json' });
  }

  /** The most recently ingested dataset, or undefined. */
  async latest(): Promise<{ digest: string; ingested_at: string } | undefined> {
    const object = await this.store.get(LATEST_KEY);
    return object ? LatestSchema.parse(JSON.parse(object.body)) : undefined;
  }

  /** The CSV of `digest`, or undefined. */
  async get(digest: string): Promise<string | undefined> {
    return (await this.store.get(datasetKey(digest)))?.body;
  }
}
