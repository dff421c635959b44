import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the model registry. Every error the registry raises on purpose is a `RegistryError`;
 * anything else is a bug. Network and SDK failures never escape raw: the S3 adapter wraps them in
 * `StoreUnavailableError` with the original as `cause`. The mapping to HTTP statuses and exit
 * codes belongs in `shared/errors/status.ts`, never at the throw site.
 */
export class RegistryError extends NamedError {}

/** A version id, run key or artifact file name is malformed; raised before any store call. */
export class InvalidIdError extends RegistryError {}

/** Another argument is unusable: no files, empty reason or actor, metadata that is not JSON, … */
export class InvalidArgumentError extends RegistryError {}

/** The version is not registered or not complete (no manifest), or the file is not part of it. */
export class VersionNotFoundError extends RegistryError {}

/** A conditional write of the object store failed: S3's 412 (or 409), or the in-memory check. */
export class PreconditionFailedError extends RegistryError {}

/** A compare-and-swap kept losing to concurrent writers until its retries ran out. */
export class ConcurrentUpdateError extends RegistryError {}

/** Rollback asked, but production has no previous version. */
export class NothingToRollBackError extends RegistryError {}

/** A stored object does not match its schema, or an artifact does not match its manifest checksum. */
export class CorruptObjectError extends RegistryError {}

/** The object store could not be reached or refused the request; `cause` holds the SDK error. */
export class StoreUnavailableError extends RegistryError {}
