import { LiveQualitySchema, type LiveQuality } from '../decision/liveQuality.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { parseVersionId, type VersionId } from './ids.js';
import { liveQualityKey } from './keys.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';

/**
 * The latest live quality of each version, key family `registry/live-quality/vNNNN.json`
 * (overwritten by each measurement: the newest wins; every measurement is also in its report).
 * What the post-promotion guard compares a new version with.
 */
export class LiveQualityStore {
  constructor(private readonly store: ObjectStore) {}

  async put(quality: LiveQuality): Promise<void> {
    const body = parseArgument(LiveQualitySchema, quality, 'live quality');
    await this.store.put(liveQualityKey(parseVersionId(body.version)), toStoredJson(body), { contentType: JSON_CONTENT_TYPE });
  }

  async get(version: VersionId): Promise<LiveQuality | undefined> {
    const key = liveQualityKey(parseVersionId(version));
    const object = await this.store.get(key);
    return object ? parseStored(LiveQualitySchema, object.body, key) : undefined;
  }
}
