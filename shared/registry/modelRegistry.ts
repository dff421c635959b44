import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  ConcurrentUpdateError,
  CorruptObjectError,
  InvalidArgumentError,
  NothingToRollBackError,
  PreconditionFailedError,
  RegistryError,
  VersionNotFoundError,
} from './errors.js';
import { MAX_VERSION_NUMBER, parseFileName, parseVersionId, versionId, versionNumber, type VersionId } from './ids.js';
import { artifactKey, claimKey, MODELS_PREFIX, manifestKey, productionKey, trainingRunKey, verdictKey, versionOfModelKey } from './keys.js';
import type { ObjectStore, PutOptions, StoredObject } from './objectStore.js';
import {
  ClaimTrainingRunOptionsSchema,
  JsonObjectSchema,
  ManifestSchema,
  ProductionPointerSchema,
  PromoteOptionsSchema,
  RecordedVerdictSchema,
  RollbackOptionsSchema,
  TrainingRunRecordSchema,
  type Claim,
  type ClaimTrainingRunOptions,
  type JsonObject,
  type Manifest,
  type ManifestFile,
  type ProductionPointer,
  type PromoteOptions,
  type PromotionEvent,
  type RecordedVerdict,
  type RecordVerdictResult,
  type RollbackOptions,
  type TrainingRunClaim,
  type TrainingRunRecord,
  type VersionSummary,
} from './schemas.js';

/** Tuning of a `ModelRegistry`; every field has a default. */
export interface ModelRegistryOptions {
  /** Clock for every timestamp and for run staleness. */
  readonly now?: () => Date;
  /** Compare-and-swap retries (pointer, run records): attempts, and the full-jitter backoff between them. */
  readonly retry?: { readonly attempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /** Conditional puts of claim.json tried before `registerVersion` gives up. */
  readonly claimAttempts?: number;
}

/** A lost claim means another writer took that number; re-list `models/` after this many in a row. */
const RELIST_EVERY = 3;
/** Parallel manifest reads in `listVersions`. */
const LIST_CONCURRENCY = 8;

/**
 * The model registry on an `ObjectStore` (S3 in production). Knows the key layout (`keys.ts`)
 * and the documents (`schemas.ts`), nothing of AWS. Concurrency rests on conditional writes only:
 * - a version number is taken by creating `claim.json` (IfNoneMatch '*'); artifacts and the
 *   manifest are created the same way, so nothing registered is ever overwritten;
 * - the production pointer (with its history) moves by compare-and-swap (IfMatch its ETag),
 *   re-read and retried with jittered backoff, then ConcurrentUpdateError;
 * - verdicts are created once (first wins); training-run records are created, then CAS-updated.
 * Ids are validated (InvalidIdError) before any store call.
 */
export class ModelRegistry {
  private readonly now: () => Date;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly claimAttempts: number;

  constructor(
    private readonly store: ObjectStore,
    options: ModelRegistryOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.attempts = options.retry?.attempts ?? 10;
    this.baseDelayMs = options.retry?.baseDelayMs ?? 10;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 250;
    this.claimAttempts = options.claimAttempts ?? 50;
  }

  /**
   * Registers a new immutable version: claims the next free number (highest claimed + 1, moving
   * on when a concurrent writer took it), writes every file, then the manifest (sha256 and size
   * of each file, created_at, `metadata`). Returns the version, complete.
   */
  async registerVersion(files: Record<string, string>, metadata: Record<string, unknown>): Promise<VersionId> {
    const entries = Object.entries(files);
    if (entries.length === 0) throw new InvalidArgumentError('registerVersion: no files to register');
    const manifestFiles: Record<string, ManifestFile> = {};
    for (const [name, body] of entries) {
      parseFileName(name);
      if (typeof body !== 'string') throw new InvalidArgumentError(`registerVersion: the body of ${name} is not a string`);
      manifestFiles[name] = { sha256: sha256Hex(body), size: Buffer.byteLength(body, 'utf8') };
    }
    const meta = toJsonObject(metadata, 'metadata');

    const version = await this.claimNextVersion();
    await Promise.all(
      entries.map(([name, body]) => this.store.put(artifactKey(version, name), body, { ifNoneMatch: '*', contentType: contentTypeOf(name) })),
    );
    const manifest: Manifest = ManifestSchema.parse({
      version,
      created_at: this.now().toISOString(),
      files: manifestFiles,
      metadata: meta,
    });
    await this.store.put(manifestKey(version), toJson(manifest), { ifNoneMatch: '*', contentType: JSON_TYPE });
    return version;
  }

  /** Every claimed version, ascending; incomplete ones (no manifest yet) with null created_at and metadata. */
  async listVersions(): Promise<VersionSummary[]> {
    const keys = await this.store.list(MODELS_PREFIX);
    const complete = new Map<VersionId, boolean>();
    for (const key of keys) {
      const version = versionOfModelKey(key);
      if (version === undefined) continue;
      complete.set(version, (complete.get(version) ?? false) || key === manifestKey(version));
    }
    const versions = [...complete.keys()].sort();
    return mapWithConcurrency(versions, LIST_CONCURRENCY, async (version): Promise<VersionSummary> => {
      if (!complete.get(version)) return { version, complete: false, created_at: null, metadata: null };
      const manifest = await this.getManifest(version);
      return { version, complete: true, created_at: manifest.created_at, metadata: manifest.metadata };
    });
  }

  /** The manifest of a complete version; VersionNotFoundError when absent (unregistered or incomplete). */
  async getManifest(version: VersionId): Promise<Manifest> {
    const id = parseVersionId(version);
    const key = manifestKey(id);
    const object = await this.store.get(key);
    if (!object) throw new VersionNotFoundError(`version ${id} is not registered or not complete (no ${key})`);
    const manifest = parseStored(ManifestSchema, object, key);
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
    const manifest = await this.getManifest(id);
    const expected = manifest.files[file];
    if (!expected) throw new VersionNotFoundError(`version ${id} has no file ${file}`);
    const object = await this.store.get(key);
    if (!object) throw new VersionNotFoundError(`version ${id} lists ${file}, but ${key} is absent`);
    if (sha256Hex(object.body) !== expected.sha256) {
      throw new CorruptObjectError(`${key} does not match the SHA-256 of its manifest`);
    }
    return object.body;
  }

  /** The production pointer and its ETag, or undefined before the first promotion. */
  async getProduction(): Promise<{ pointer: ProductionPointer; etag: string } | undefined> {
    const object = await this.store.get(productionKey());
    if (!object) return undefined;
    return { pointer: parseStored(ProductionPointerSchema, object, productionKey()), etag: object.etag };
  }

  /** The ETag of the production pointer (one HEAD: cheap change detection), or undefined. */
  async productionEtag(): Promise<string | undefined> {
    return (await this.store.head(productionKey()))?.etag;
  }

  /**
   * Puts complete `version` in production, appending one event to the history. Promoting the
   * version already in production is a no-op returning the current pointer. VersionNotFoundError
   * for an incomplete or unknown version; ConcurrentUpdateError when every CAS attempt lost.
   */
  async promote(version: VersionId, options: PromoteOptions): Promise<ProductionPointer> {
    const id = parseVersionId(version);
    const event = parseArguments(PromoteOptionsSchema, options, 'promote options');
    await this.requireComplete(id);
    return this.swapPointer(() => id, event);
  }

  /**
   * Promotes the pointer's `previous` version with kind 'rollback' (so a second rollback goes
   * back again: it toggles). NothingToRollBackError when there is no pointer or no previous.
   */
  async rollback(options: RollbackOptions): Promise<ProductionPointer> {
    const event = parseArguments(RollbackOptionsSchema, options, 'rollback options');
    return this.swapPointer(
      (current) => {
        if (!current) throw new NothingToRollBackError('nothing to roll back: no version is in production');
        if (current.previous === null) throw new NothingToRollBackError(`nothing to roll back: ${current.version} has no previous version`);
        return current.previous;
      },
      { ...event, kind: 'rollback' },
    );
  }

  /**
   * Records the verdict on candidate `version` once: the first verdict wins. A replay (same or
   * different verdict) changes nothing and returns `created: false` with the stored verdict.
   */
  async recordVerdict(version: VersionId, verdict: Record<string, unknown>): Promise<RecordVerdictResult> {
    const id = parseVersionId(version);
    const key = verdictKey(id);
    const body = toJsonObject(verdict, 'verdict');
    await this.requireComplete(id);
    try {
      await this.store.put(key, toJson(body), { ifNoneMatch: '*', contentType: JSON_TYPE });
      return { created: true, verdict: body };
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    const stored = await this.getVerdict(id);
    if (!stored) throw new ConcurrentUpdateError(`${key} existed a moment ago and is now absent`);
    return { created: false, verdict: stored };
  }

  /** The recorded verdict on `version`, or undefined. */
  async getVerdict(version: VersionId): Promise<RecordedVerdict | undefined> {
    const key = verdictKey(parseVersionId(version));
    const object = await this.store.get(key);
    return object ? parseStored(RecordedVerdictSchema, object, key) : undefined;
  }

  /**
   * Claims training run `runKey` (idempotency): 'claimed' when this caller should train (a new
   * run, or a 'started' one older than `staleAfterMs`, taken over: its owner presumably crashed);
   * 'in_progress' when another caller holds a fresh claim; 'done' with the registered version.
   */
  async claimTrainingRun(runKey: string, options: ClaimTrainingRunOptions): Promise<TrainingRunClaim> {
    const key = trainingRunKey(runKey);
    const { staleAfterMs } = parseArguments(ClaimTrainingRunOptionsSchema, options, 'claimTrainingRun options');
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const now = this.now();
      const current = await this.store.get(key);
      const record = current ? parseStored(TrainingRunRecordSchema, current, key) : undefined;
      if (record?.status === 'done') return { status: 'done', version: record.version };
      if (record && now.getTime() - Date.parse(record.started_at) <= staleAfterMs) return { status: 'in_progress' };
      const started: TrainingRunRecord = {
        status: 'started',
        started_at: now.toISOString(),
        claim_id: randomUUID(),
        attempt: (record?.attempt ?? 0) + 1,
      };
      if (await this.tryPut(key, toJson(started), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })) return { status: 'claimed' };
      await this.backoff(attempt);
    }
    throw new ConcurrentUpdateError(`${key}: ${this.attempts} claim attempts lost to concurrent writers`);
  }

  /**
   * Marks run `runKey` done with complete `version` (IfMatch on the record's ETag). The first
   * completion wins: when the run is already done, nothing changes and its recorded version is
   * returned; otherwise `version` is.
   */
  async completeTrainingRun(runKey: string, version: VersionId): Promise<VersionId> {
    const key = trainingRunKey(runKey);
    const id = parseVersionId(version);
    await this.requireComplete(id);
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const now = this.now().toISOString();
      const current = await this.store.get(key);
      const record = current ? parseStored(TrainingRunRecordSchema, current, key) : undefined;
      if (record?.status === 'done') return record.version;
      const done: TrainingRunRecord = {
        status: 'done',
        started_at: record?.started_at ?? now,
        claim_id: record?.claim_id ?? randomUUID(),
        attempt: record?.attempt ?? 1,
        completed_at: now,
        version: id,
      };
      if (await this.tryPut(key, toJson(done), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })) return id;
      await this.backoff(attempt);
    }
    throw new ConcurrentUpdateError(`${key}: ${this.attempts} completion attempts lost to concurrent writers`);
  }

  /** Takes the lowest free version number above the highest claimed one. */
  private async claimNextVersion(): Promise<VersionId> {
    let next = (await this.highestClaimedNumber()) + 1;
    for (let attempt = 1; attempt <= this.claimAttempts; attempt++) {
      if (next > MAX_VERSION_NUMBER) throw new RegistryError(`every version number up to ${versionId(MAX_VERSION_NUMBER)} is taken`);
      const version = versionId(next);
      const claim: Claim = { version, claimed_at: this.now().toISOString(), claim_id: randomUUID() };
      if (await this.tryPut(claimKey(version), toJson(claim), { ifNoneMatch: '*', contentType: JSON_TYPE })) return version;
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

  /** Moves the pointer to `target(current)` by compare-and-swap; a no-op when it is there already. */
  private async swapPointer(
    target: (current: ProductionPointer | undefined) => VersionId,
    event: Pick<PromotionEvent, 'reason' | 'actor' | 'kind'>,
  ): Promise<ProductionPointer> {
    const key = productionKey();
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const current = await this.getProduction();
      const version = target(current?.pointer);
      if (current && current.pointer.version === version) return current.pointer;
      const next = nextPointer(current?.pointer, version, { ...event, at: this.now().toISOString() });
      const condition: PutOptions = current ? { ifMatch: current.etag } : { ifNoneMatch: '*' };
      if (await this.tryPut(key, toJson(next), { ...condition, contentType: JSON_TYPE })) return next;
      await this.backoff(attempt);
    }
    throw new ConcurrentUpdateError(`${key}: ${this.attempts} compare-and-swap attempts lost to concurrent writers`);
  }

  /** True when written, false when the condition failed; other errors propagate. */
  private async tryPut(key: string, body: string, options: PutOptions): Promise<boolean> {
    try {
      await this.store.put(key, body, options);
      return true;
    } catch (error) {
      if (error instanceof PreconditionFailedError) return false;
      throw error;
    }
  }

  private async requireComplete(version: VersionId): Promise<void> {
    if (!(await this.store.head(manifestKey(version)))) {
      throw new VersionNotFoundError(`version ${version} is not registered or not complete (no manifest)`);
    }
  }

  /** Full jitter: a random delay up to base · 2^(attempt − 1), capped; none after the last attempt. */
  private async backoff(attempt: number): Promise<void> {
    if (attempt >= this.attempts) return;
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.random() * ceiling;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** The pointer after moving to `version`: sequence + 1, one more event, history otherwise unchanged. */
function nextPointer(current: ProductionPointer | undefined, version: VersionId, change: Omit<PromotionEvent, 'sequence' | 'version' | 'previous'>): ProductionPointer {
  const event: PromotionEvent = {
    sequence: (current?.sequence ?? 0) + 1,
    version,
    previous: current?.version ?? null,
    ...change,
  };
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

const JSON_TYPE = 'application/json';

function contentTypeOf(file: string): string {
  return file.endsWith('.csv') ? 'text/csv' : JSON_TYPE;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Stored JSON: two-space indentation and a final newline, like the training artifacts. */
function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `value` as it will read back from JSON; InvalidArgumentError unless it is a JSON object. */
function toJsonObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`${what} must be a JSON object`);
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidArgumentError(`${what} is not serializable as JSON: ${(error as Error).message}`, { cause: error });
  }
  return JsonObjectSchema.parse(JSON.parse(text));
}

function parseArguments<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  throw new InvalidArgumentError(`invalid ${what}: ${issues}`);
}

/** A stored document parsed with `schema`; CorruptObjectError when it is not JSON or does not match. */
function parseStored<S extends z.ZodType>(schema: S, object: StoredObject, key: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(object.body);
  } catch (error) {
    throw new CorruptObjectError(`${key} is not JSON`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new CorruptObjectError(`${key} does not match its schema: ${issues}`, { cause: result.error });
  }
  return result.data;
}

/** `map` with at most `limit` calls in flight; results in input order. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

