import { AutomlError, ModelArtifactError } from '../automl/errors.js';
import { DriftError, DriftReferenceError } from '../drift/errors.js';
import { HttpError, PayloadTooLargeError, RouteNotFoundError, UnauthorizedError, UnsupportedMediaTypeError } from '../http/errors.js';
import { DatasetNotFoundError, LifecycleError, ModelRejectedError, NoProductionModelError, TrainingRunInProgressError } from '../lifecycle/errors.js';
import { PortError, PreconditionFailedError, StoreUnavailableError } from '../ports/errors.js';
import {
  ConcurrentUpdateError,
  InvalidArgumentError,
  InvalidIdError,
  NothingToRollBackError,
  ReportNotFoundError,
  RegistryError,
  VersionNotFoundError,
} from '../registry/errors.js';
import { InvalidMetricsPushError, MetricsUnavailableError, ObservabilityError } from '../observability/errors.js';
import { ServingError } from '../serving/errors.js';
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
type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Groups of error classes and their status, checked in order: every specific class comes in a
 * group before its family's base (the bases are in the last two groups).
 */
const RULES: readonly [ErrorStatus, readonly ErrorClass[]][] = [
  // An unreadable model artifact is the service's own fault over HTTP (its message stays in the
  // log), but exit 2 in the CLI, where the user named the file.
  [status(500, 2), [ModelArtifactError, DriftReferenceError]],
  [status(401, 2), [UnauthorizedError]],
  [status(404, 2), [RouteNotFoundError, DatasetNotFoundError, VersionNotFoundError, ReportNotFoundError]],
  [status(409, 2), [NothingToRollBackError, ModelRejectedError]],
  [status(413, 2), [PayloadTooLargeError]],
  [status(415, 2), [UnsupportedMediaTypeError]],
  [status(409, 1), [ConcurrentUpdateError, PreconditionFailedError, TrainingRunInProgressError]],
  [status(503, 1, true), [NoProductionModelError, MetricsUnavailableError]],
  [status(503, 1), [StoreUnavailableError]],
  [status(400, 2), [UsageError, AutomlError, DriftError, HttpError, LifecycleError, ServingError, InvalidIdError, InvalidArgumentError, InvalidMetricsPushError]],
  [INTERNAL, [RegistryError, PortError, ObservabilityError]],
];

/**
 * The one mapping from typed errors to statuses, used by the HTTP edge and the CLI. Bad input
 * is a 4xx and exit code 2; a fault of ours or of a dependency is a 5xx and exit 1, and its
 * message stays in the log (except "no model yet", a 503 whose reason helps the caller).
 * Anything untyped is internal.
 */
export function errorStatus(error: unknown): ErrorStatus {
  return RULES.find(([, types]) => types.some((type) => error instanceof type))?.[0] ?? INTERNAL;
}
