import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { tryPut } from './compareAndSwap.js';
import { parseVersionId, type VersionId } from './ids.js';
import { lineageKey } from './keys.js';
import { VersionLineageSchema, type VersionLineage } from './schemas.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';
import type { VersionStore } from './versionStore.js';

/**
 * Version lineage, key family `registry/lineage/vNNNN.json`: one per version, written once
 * (If-None-Match `*`) right after the version is registered; a replay keeps the first.
 */
export class LineageStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly versions: VersionStore,
    private readonly clock: Clock,
  ) {}

  /** Records the lineage of a complete version once; returns the stored one. */
  async record(lineage: Omit<VersionLineage, 'recorded_at'>): Promise<VersionLineage> {
    const body = parseArgument(VersionLineageSchema, { ...lineage, recorded_at: this.clock.now().toISOString() }, 'lineage');
    const key = lineageKey(await this.versions.requireComplete(body.version));
    if (await tryPut(this.store, key, toStoredJson(body), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE })) return body;
    return (await this.get(body.version)) ?? body;
  }

  /** The lineage of `version`, or undefined (a version registered before lineage was kept). */
  async get(version: VersionId): Promise<VersionLineage | undefined> {
    const key = lineageKey(parseVersionId(version));
    const object = await this.store.get(key);
    return object ? parseStored(VersionLineageSchema, object.body, key) : undefined;
  }
}
