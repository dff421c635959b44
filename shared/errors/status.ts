import { ZodError } from 'zod';
import { AutomlError, ModelArtifactError } from '../automl/errors.js';
import { InvalidRequestError, LifecycleError, NoProductionModelError, UnauthorizedError } from '../lifecycle/errors.js';
import {
  ConcurrentUpdateError,
  CorruptObjectError,
  InvalidArgumentError,
  InvalidIdError,
  NothingToRollBackError,
  PreconditionFailedError,
  RegistryError,
  StoreUnavailableError,
  VersionNotFoundError,
} from '../registry/errors.js';

/** How an error surfaces: HTTP status for handlers, exit code for the CLI. */
export interface ErrorStatus {
  readonly http: number;
  readonly exitCode: number;
  /** Whether the caller is at fault or may act on it (its message is safe to show as is). */
  readonly clientError: boolean;
}

const status = (http: number, exitCode: number, clientError = true): ErrorStatus => ({ http, exitCode, clientError });
const INTERNAL = status(500, 1, false);

/**
 * The one mapping from typed errors to statuses. Bad input (dataset, options, records, request
 * shape, ids) is a 400 and exit code 2. An unreadable model artifact is a 500 for the service
 * that owns it, but exit 2 in the CLI, where the user named the file. Anything untyped is internal.
 */
export function errorStatus(error: unknown): ErrorStatus {
  if (error instanceof ZodError) return status(400, 2);
  if (error instanceof ModelArtifactError) return status(500, 2);
  if (error instanceof AutomlError) return status(400, 2);
  if (error instanceof UnauthorizedError) return status(401, 2);
  if (error instanceof NoProductionModelError) return status(503, 1);
  if (error instanceof InvalidRequestError || error instanceof LifecycleError) return status(400, 2);
  if (error instanceof InvalidIdError || error instanceof InvalidArgumentError) return status(400, 2);
  if (error instanceof VersionNotFoundError) return status(404, 2);
  if (error instanceof NothingToRollBackError) return status(409, 2);
  if (error instanceof ConcurrentUpdateError || error instanceof PreconditionFailedError) return status(409, 1);
  if (error instanceof StoreUnavailableError) return status(503, 1);
  if (error instanceof CorruptObjectError || error instanceof RegistryError) return status(500, 1, false);
  return INTERNAL;
}
