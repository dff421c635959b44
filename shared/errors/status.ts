import { AutomlError, InvalidDatasetError, InvalidInputError, InvalidOptionsError, ModelArtifactError } from '../automl/errors.js';

/** How an error surfaces: HTTP status for handlers, exit code for the CLI. */
export interface ErrorStatus {
  readonly http: number;
  readonly exitCode: number;
  /** Whether the caller is at fault (its message is safe and useful to show as is). */
  readonly clientError: boolean;
}

const INTERNAL: ErrorStatus = { http: 500, exitCode: 1, clientError: false };

/**
 * The one mapping from typed errors to statuses. Bad input (dataset, options, records) is a 400
 * and exit code 2; an unreadable model artifact is a 500 / exit 1 for a service that owns it, but
 * exit 2 in the CLI, where the user named the file. Anything untyped is internal.
 */
export function errorStatus(error: unknown): ErrorStatus {
  if (error instanceof InvalidDatasetError || error instanceof InvalidOptionsError || error instanceof InvalidInputError) {
    return { http: 400, exitCode: 2, clientError: true };
  }
  if (error instanceof ModelArtifactError) return { http: 500, exitCode: 2, clientError: true };
  if (error instanceof AutomlError) return { http: 400, exitCode: 2, clientError: true };
  return INTERNAL;
}
