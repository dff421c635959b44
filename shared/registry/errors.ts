import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the model registry. Every error the registry raises on purpose is a `RegistryError`;
 * anything else is a bug. Failures of the store itself are the port's errors
 * (`PreconditionFailedError`, `StoreUnavailableError` in shared/ports/errors.ts). The mapping to
 * HTTP statuses and exit codes belongs at the edge (`shared/edge/errorStatus.ts`), never at the
 * throw site.
 */
export class RegistryError extends NamedError {}

/** A version id, run key, digest or artifact file name is malformed; raised before any store call. */
export class InvalidIdError extends RegistryError {}

/** Another argument is unusable: no files, empty reason or actor, metadata that does not match its schema, … */
export class InvalidArgumentError extends RegistryError {}

/** The version is not registered or not complete (no manifest), or the file is not part of it. */
export class VersionNotFoundError extends RegistryError {}

/** A compare-and-swap kept losing to concurrent writers until its retries ran out. */
export class ConcurrentUpdateError extends RegistryError {}

/** Rollback asked, but production has no previous version. */
export class NothingToRollBackError extends RegistryError {}

/** A stored object does not match its schema, or an artifact does not match its manifest checksum. */
export class CorruptObjectError extends RegistryError {}

/** Every version number up to v9999 is taken. */
export class VersionNumbersExhaustedError extends RegistryError {}

/** The drift report asked for does not exist. */
export class ReportNotFoundError extends RegistryError {}
