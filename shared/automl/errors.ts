import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the AutoML area. Every error the engine raises on purpose is an `AutomlError`;
 * anything else is a bug. The mapping to exit codes and HTTP statuses lives in one place
 * (`shared/edge/errorStatus.ts`), never at the throw site.
 */
export class AutomlError extends NamedError {}

/** The dataset (a CSV, or records) cannot be used: the message names the row or column. */
export class InvalidDatasetError extends AutomlError {}

/** A training or prediction option is out of range or inconsistent with the data. */
export class InvalidOptionsError extends AutomlError {}

/** A numeric routine got unusable input: empty arrays, mismatched lengths, non-finite values. */
export class InvalidInputError extends AutomlError {}

/** A model artifact cannot be loaded: wrong format version, bad checksum, malformed JSON. */
export class ModelArtifactError extends AutomlError {}
