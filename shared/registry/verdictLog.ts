import type { ObjectStore } from '../ports/objectStore.js';
import { tryPut } from './compareAndSwap.js';
import { ConcurrentUpdateError } from './errors.js';
import { parseVersionId, type VersionId } from './ids.js';
import { verdictKey } from './keys.js';
import { VerdictSchema, type RecordVerdictResult, type Verdict } from './schemas.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';
import type { VersionStore } from './versionStore.js';

/**
 * Promotion verdicts, key family `registry/verdicts/vNNNN.json`: one per candidate version,
 * created once (If-None-Match `*`), so the first verdict wins and a replay changes nothing.
 */
export class VerdictLog {
  constructor(
    private readonly store: ObjectStore,
    private readonly versions: VersionStore,
  ) {}

  /**
   * Records the verdict on its (complete) version once. A replay (same or different verdict)
   * changes nothing and returns `created: false` with the stored verdict.
   */
  async record(verdict: Verdict): Promise<RecordVerdictResult> {
    const body = parseArgument(VerdictSchema, verdict, 'verdict');
    const key = verdictKey(await this.versions.requireComplete(body.version));
    if (await tryPut(this.store, key, toStoredJson(body), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE })) {
      return { created: true, verdict: body };
    }
    const stored = await this.get(body.version);
    if (!stored) throw new ConcurrentUpdateError(`${key} existed a moment ago and is now absent`);
    return { created: false, verdict: stored };
  }

  /** The recorded verdict on `version`, or undefined. */
  async get(version: VersionId): Promise<Verdict | undefined> {
    const key = verdictKey(parseVersionId(version));
    const object = await this.store.get(key);
    return object ? parseStored(VerdictSchema, object.body, key) : undefined;
  }
}
