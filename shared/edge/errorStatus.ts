import { AutomlError, ModelArtifactError } from '../automl/errors.js';
import { HttpError, RouteNotFoundError, UnauthorizedError, UnsupportedMediaTypeError } from '../http/errors.js';
import { DatasetNotFoundError, LifecycleError, NoProductionModelError } from '../lifecycle/errors.js';
import { PortError, PreconditionFailedError, StoreUnavailableError } from '../ports/errors.js';
import {
  ConcurrentUpdateError,
  InvalidArgumentError,
  InvalidIdError,
  NothingToRollBackError,
  RegistryError,
  VersionNotFoundError,
} from '../registry/errors.js';
import { UsageError } from './usageError.js';

/** How an error surfaces: HTTP status for handlers, exit code for the CLI. */
export interface ErrorStatus {
  readonly http: number;
  readonly exitCode: number;
  /** Whether its message may be shown to an HTTP caller as is (never for an internal fault). */
  readonly expose: boolean;
}

const status = (http: number, exitCode: number, expose = http < 500): ErrorStatus => ({ http, exitCode, expose });
const INTERNAL = status(500, 1);

/** Most specific first: a subclass is listed before its family's base. */
const RULES: readonly [abstract new (...args: never[]) => Error, ErrorStatus][] = [
  [UsageError, status(400, 2)],
  // AutoML: bad datasets, options and records are the caller's; an unreadable model artifact is
  // the service's own fault (500, message kept in the log) but exit 2 in the CLI, where the user named the file.
  [ModelArtifactError, status(500, 2)],
  [AutomlError, status(400, 2)],
  [UnauthorizedError, status(401, 2)],
  [RouteNotFoundError, status(404, 2)],
  [UnsupportedMediaTypeError, status(415, 2)],
  [HttpError, status(400, 2)],
  [NoProductionModelError, status(503, 1, true)],
  [DatasetNotFoundError, status(404, 2)],
  [LifecycleError, status(400, 2)],
  [InvalidIdError, status(400, 2)],
  [InvalidArgumentError, status(400, 2)],
  [VersionNotFoundError, status(404, 2)],
  [NothingToRollBackError, status(409, 2)],
  [ConcurrentUpdateError, status(409, 1)],
  [RegistryError, INTERNAL],
  [PreconditionFailedError, status(409, 1)],
  [StoreUnavailableError, status(503, 1)],
  [PortError, INTERNAL],
];

/**
 * The one mapping from typed errors to statuses, used by the HTTP edge and the CLI. Bad input
 * is a 4xx and exit code 2; a fault of ours or of a dependency is a 5xx and exit 1, and its
 * message stays in the log. Anything untyped is internal.
 */
export function errorStatus(error: unknown): ErrorStatus {
  return RULES.find(([type]) => error instanceof type)?.[1] ?? INTERNAL;
}
