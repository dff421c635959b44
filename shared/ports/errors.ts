import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the ports' adapters (object store, message queue). Network and SDK failures never
 * escape raw: an adapter wraps them with the original as `cause`. Mapped to statuses at the
 * edge (`shared/edge/errorStatus.ts`).
 */
export class PortError extends NamedError {}

/** A conditional write failed: S3's 412 (or 409), or the in-memory check. Callers that race expect it. */
export class PreconditionFailedError extends PortError {}

/** The object store could not be reached or refused the request; `cause` holds the SDK error. */
export class StoreUnavailableError extends PortError {}

/** The message queue could not be reached or refused the message; `cause` holds the SDK error. */
export class QueueUnavailableError extends PortError {}
