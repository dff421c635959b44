import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the lifecycle area (ingest, train, promote, serve). Mapped to HTTP statuses in
 * `shared/errors/status.ts`.
 */
export class LifecycleError extends NamedError {}

/** The request itself is malformed (not JSON, wrong shape, too large). */
export class InvalidRequestError extends LifecycleError {}

/** The admin API key is missing or wrong. */
export class UnauthorizedError extends LifecycleError {}

/** No model is in production yet, or it cannot be loaded and none was loaded before. */
export class NoProductionModelError extends LifecycleError {}
