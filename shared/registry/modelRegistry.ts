import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/objectStore.js';
import { DEFAULT_RETRY, type RetryPolicy } from './compareAndSwap.js';
import { DatasetStore } from './datasetStore.js';
import { DriftReportStore } from './driftReportStore.js';
import { LabelStore } from './labelStore.js';
import { LineageStore } from './lineageStore.js';
import { LiveQualityStore } from './liveQualityStore.js';
import { AlertStore } from './alertStore.js';
import { PredictionLogStore } from './predictionLogStore.js';
import { ProductionPointerStore } from './productionPointerStore.js';
import { TrainingRunStore } from './trainingRunStore.js';
import { VerdictLog } from './verdictLog.js';
import { VersionStore } from './versionStore.js';

/** Tuning of the registry; every field but the clock has a default. */
export interface ModelRegistryOptions {
  /** Clock for every timestamp and for run staleness. */
  readonly clock: Clock;
  /** Compare-and-swap retries (pointer, run records). */
  readonly retry?: Partial<RetryPolicy>;
  /** Conditional puts of claim.json tried before registering a version gives up. */
  readonly claimAttempts?: number;
}

/**
 * The model registry on an `ObjectStore` (S3 in production): one small store per document
 * family, each owning its keys (`keys.ts`) and documents (`schemas.ts`), nothing of AWS.
 * Concurrency rests on conditional writes only (see `compareAndSwap.ts`).
 */
export interface ModelRegistry {
  readonly datasets: DatasetStore;
  readonly versions: VersionStore;
  readonly production: ProductionPointerStore;
  readonly verdicts: VerdictLog;
  readonly runs: TrainingRunStore;
  readonly predictions: PredictionLogStore;
  readonly labels: LabelStore;
  readonly drift: DriftReportStore;
  readonly lineage: LineageStore;
  readonly quality: LiveQualityStore;
  readonly alerts: AlertStore;
}

export function createModelRegistry(store: ObjectStore, options: ModelRegistryOptions): ModelRegistry {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const versions = new VersionStore(store, options.clock, options.claimAttempts);
  return {
    datasets: new DatasetStore(store, options.clock),
    versions,
    production: new ProductionPointerStore(store, versions, options.clock, retry),
    verdicts: new VerdictLog(store, versions),
    runs: new TrainingRunStore(store, versions, options.clock, retry),
    predictions: new PredictionLogStore(store),
    labels: new LabelStore(store),
    drift: new DriftReportStore(store, retry),
    lineage: new LineageStore(store, versions, options.clock),
    quality: new LiveQualityStore(store),
    alerts: new AlertStore(store),
  };
}
