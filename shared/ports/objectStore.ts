/**
 * The object-store port: a flat key → text store with ETags and conditional writes, shaped
 * after S3. Adapters: `S3ObjectStore` (shared/aws), `MemoryObjectStore` (a test double, in test/support).
 *
 * Conventions: ETags are opaque strings kept exactly as the store returns them (S3: quoted);
 * a read of an absent key is `undefined`, never an error; a failed condition is a
 * `PreconditionFailedError`; any other failure is a `StoreUnavailableError` (shared/ports/errors).
 */
export interface StoredObject {
  readonly body: string;
  readonly etag: string;
}

/**
 * Conditions of a write. `ifNoneMatch: '*'`: only if the key is absent (create once).
 * `ifMatch: etag`: only if the key exists with that ETag (compare-and-swap; absent key fails).
 */
export interface PutOptions {
  readonly ifNoneMatch?: '*';
  readonly ifMatch?: string;
  readonly contentType?: string;
}

export interface ObjectStore {
  /** The object, or undefined when absent. */
  get(key: string): Promise<StoredObject | undefined>;
  /** The object's ETag, or undefined when absent. */
  head(key: string): Promise<{ etag: string } | undefined>;
  /** Writes the object; PreconditionFailedError when a condition does not hold. */
  put(key: string, body: string, options?: PutOptions): Promise<{ etag: string }>;
  /** Every key under `prefix` (all pages), sorted. */
  list(prefix: string): Promise<string[]>;
}
