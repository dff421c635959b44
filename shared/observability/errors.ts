import { NamedError } from '../errors/namedError.js';

/** Errors of the metrics path (pushes, the sidecar, its exposition). Mapped in `shared/edge/errorStatus.ts`. */
export class ObservabilityError extends NamedError {}

/** A push the sidecar refuses (400): a metric outside the catalog, a wrong type, a foreign label, a negative counter delta. */
export class InvalidMetricsPushError extends ObservabilityError {}

/** The metrics sidecar is not configured (`ALM_METRICS_URL`) or does not answer (503). */
export class MetricsUnavailableError extends ObservabilityError {}
