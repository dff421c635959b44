import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the drift area. The mapping to exit codes and HTTP statuses lives in
 * `shared/edge/errorStatus.ts`, never at the throw site.
 */
export class DriftError extends NamedError {}

/** A drift option (a test name, a threshold, a column override) is unknown or does not fit the column. */
export class InvalidDriftOptionsError extends DriftError {}

/** A stored drift reference cannot be used: malformed, or of another format version. */
export class DriftReferenceError extends DriftError {}
