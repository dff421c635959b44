import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the lifecycle use cases (ingest, train, promote, serve, drift). Mapped to statuses
 * at the edge (`shared/edge/errorStatus.ts`).
 */
export class LifecycleError extends NamedError {}

/** No model is in production yet, or it cannot be loaded and none was loaded before. */
export class NoProductionModelError extends LifecycleError {}

/**
 * A train message whose run another delivery claimed less than the stale time ago (still
 * training, or killed and not yet stale): thrown, never acknowledged, so the message comes back
 * after its visibility timeout and then finds the run done (and re-sends its promote message) or
 * stale (and trains it). Acknowledging it would lose the run if the claimant had died.
 */
export class TrainingRunInProgressError extends LifecycleError {}

/** A train message names a dataset digest that is not in the store. */
export class DatasetNotFoundError extends LifecycleError {}

/** A version whose `model.json` fails its checks (manifest SHA-256, envelope checksum, format): never promoted nor served. */
export class ModelRejectedError extends LifecycleError {}
