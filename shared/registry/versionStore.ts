import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import { sha256Hex } from '../util/sha256.js';
import { tryPut } from './compareAndSwap.js';
import { ConcurrentUpdateError, CorruptObjectError, InvalidArgumentError, VersionNotFoundError, VersionNumbersExhaustedError } from './errors.js';
import { MAX_VERSION_NUMBER, parseFileName, parseVersionId, versionId, versionNumber, type VersionId } from './ids.js';
import { artifactKey, claimKey, manifestKey, MODELS_PREFIX, versionOfModelKey } from './keys.js';
import {
  ManifestMetadataSchema,
  ManifestSchema,
  type Claim,
  type Manifest,
  type ManifestFile,
  type ManifestMetadata,
  type VersionSummary,
} from './schemas.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';

/** A lost claim means another writer took that number; re-list `models/` after this many in a row. */
const RELIST_EVERY = 3;
/** Parallel manifest reads in `list`. */
const LIST_CONCURRENCY = 8;

/**
 * Model versions, key family `models/vNNNN/`. A version is immutable: its number is taken by
 * creating `claim.json` (If-None-Match `*`), its artifacts and then its manifest are created the
 * same way, so nothing registered is ever overwritten. It is complete once `manifest.json`
 * (sha256 and size of every file, metadata) exists; reads check every file against it.
 */
export class VersionStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly claimAttempts = 50,
  ) {}

  /** Registers a new version: claims the next free number, writes every file, then the manifest. */
  async register(files: Record<string, string>, metadata: ManifestMetadata): Promise<VersionId> {
    const entries = Object.entries(files);
    if (entries.length === 0) throw new InvalidArgumentError('register: no files to register');
    const manifestFiles: Record<string, ManifestFile> = {};
    for (const [name, body] of entries) {
      parseFileName(name);
      if (typeof body !== 'string') throw new InvalidArgumentError(`register: the body of ${name} is not a string`);
      manifestFiles[name] = { sha256: sha256Hex(body), size: Buffer.byteLength(body, 'utf8') };
    }
    const meta = parseArgument(ManifestMetadataSchema, metadata, 'manifest metadata');

    const version = await this.claimNextVersion();
    await Promise.all(
      entries.map(([name, body]) => this.store.put(artifactKey(version, name), body, { ifNoneMatch: '*', contentType: contentTypeOf(name) })),
    );
    const manifest: Manifest = { version, created_at: this.clock.now().toISOString(), files: manifestFiles, metadata: meta };
    await this.store.put(manifestKey(version), toStoredJson(ManifestSchema.parse(manifest)), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE });
    return version;
  }

  /** Every claimed version, ascending; incomplete ones (no manifest yet) with null created_at and metadata. */
  async list(): Promise<VersionSummary[]> {
    const complete = new Map<VersionId, boolean>();
    for (const key of await this.store.list(MODELS_PREFIX)) {
      const version = versionOfModelKey(key);
      if (version !== undefined) complete.set(version, (complete.get(version) ?? false) || key === manifestKey(version));
    }
    return mapWithConcurrency([...complete.keys()].sort(), LIST_CONCURRENCY, async (version): Promise<VersionSummary> => {
      if (!complete.get(version)) return { version, complete: false, created_at: null, metadata: null };
      const manifest = await this.manifest(version);
      return { version, complete: true, created_at: manifest.created_at, metadata: manifest.metadata };
    });
  }

  /** The manifest of a complete version; VersionNotFoundError when absent (unregistered or incomplete). */
  async manifest(version: VersionId): Promise<Manifest> {
    const id = parseVersionId(version);
    const key = manifestKey(id);
    const object = await this.store.get(key);
    if (!object) throw new VersionNotFoundError(`version ${id} is not registered or not complete (no ${key})`);
    const manifest = parseStored(ManifestSchema, object.body, key);
    if (manifest.version !== id) throw new CorruptObjectError(`${key} names version ${manifest.version}`);
    return manifest;
  }

  /**
   * The text of one artifact of a complete version, checked against the manifest's SHA-256.
   * VersionNotFoundError when the version or the file is absent; CorruptObjectError on a mismatch.
   */
  async readFile(version: VersionId, file: string): Promise<string> {
    const id = parseVersionId(version);
    const key = artifactKey(id, file);
    const expected = (await this.manifest(id)).files[file];
    if (!expected) throw new VersionNotFoundError(`version ${id} has no file ${file}`);
    const object = await this.store.get(key);
    if (!object) throw new VersionNotFoundError(`version ${id} lists ${file}, but ${key} is absent`);
    if (sha256Hex(object.body) !== expected.sha256) throw new CorruptObjectError(`${key} does not match the SHA-256 of its manifest`);
    return object.body;
  }

  /** VersionNotFoundError unless `version` is complete (one HEAD of its manifest). */
  async requireComplete(version: VersionId): Promise<VersionId> {
    const id = parseVersionId(version);
    if (!(await this.store.head(manifestKey(id)))) {
      throw new VersionNotFoundError(`version ${id} is not registered or not complete (no manifest)`);
    }
    return id;
  }

  /** Takes the lowest free version number above the highest claimed one. */
  private async claimNextVersion(): Promise<VersionId> {
    let next = (await this.highestClaimedNumber()) + 1;
    for (let attempt = 1; attempt <= this.claimAttempts; attempt++) {
      if (next > MAX_VERSION_NUMBER) throw new VersionNumbersExhaustedError(`every version number up to ${versionId(MAX_VERSION_NUMBER)} is taken`);
      const version = versionId(next);
      const claim: Claim = { version, claimed_at: this.clock.now().toISOString(), claim_id: randomUUID() };
      if (await tryPut(this.store, claimKey(version), toStoredJson(claim), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE })) return version;
      next = attempt % RELIST_EVERY === 0 ? Math.max(next + 1, (await this.highestClaimedNumber()) + 1) : next + 1;
    }
    throw new ConcurrentUpdateError(`no version number claimed after ${this.claimAttempts} attempts`);
  }

  /** Highest number with any key under `models/vNNNN/`, 0 when there is none. */
  private async highestClaimedNumber(): Promise<number> {
    let highest = 0;
    for (const key of await this.store.list(MODELS_PREFIX)) {
      const version = versionOfModelKey(key);
      if (version !== undefined) highest = Math.max(highest, versionNumber(version));
    }
    return highest;
  }
}

function contentTypeOf(file: string): string {
  return file.endsWith('.csv') ? 'text/csv' : JSON_CONTENT_TYPE;
}
