import type { Pipeline } from '../automl/pipeline/pipeline.js';
import { createRowPredictor, type FeatureRecord } from '../automl/pipeline/rowPredictor.js';
import type { Clock } from '../ports/clock.js';
import { StoreUnavailableError } from '../ports/errors.js';
import type { Metrics } from '../ports/metrics.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { acceptModel } from './acceptModel.js';
import { ModelRejectedError, NoProductionModelError } from './errors.js';

const PRODUCTION_POINTER = 'registry/production.json';

/** The model being served. */
export interface ServedModel {
  readonly version: VersionId;
  readonly pipeline: Pipeline;
  readonly predictRecord: (record: FeatureRecord) => Float64Array;
}

/** What the provider knows about the model it serves (for `/health`). */
export interface ServingState {
  readonly model_version: VersionId | null;
  readonly loaded_at: string | null;
  readonly last_checked_at: string | null;
  readonly last_reload_error: string | null;
  /**
   * `lost` when `production.json` is gone while a model is served (the registry was reset or its
   * storage lost), `unreachable` when the last check failed, `ok` otherwise (also before any check).
   */
  readonly registry: 'ok' | 'unreachable' | 'lost';
}

/**
 * Serves the version `production.json` names (never "latest"), cached for the life of the
 * container. The pointer's ETag is checked at most every `checkIntervalMs`; when it changed, the
 * new version is loaded. Stale-while-revalidate: once a model is loaded, a request never waits
 * for a check (a due check runs in the background and the next requests get the new model), so a
 * slow registry never slows predictions; only the first request of a container waits for its
 * model. A failed reload keeps serving the previous model and is reported by `state()` until a
 * reload succeeds. A model.json that fails its checks (`acceptModel`, stage `serve`) is never
 * served. A pointer that disappears while a model is served (a registry lost or reset) keeps the
 * model and is reported as `registry: 'lost'`.
 */
export class ProductionModelProvider {
  private served: ServedModel | undefined;
  private servedEtag: string | undefined;
  private refusedEtag: string | undefined;
  private loadedAt: Date | undefined;
  private checkedAt: Date | undefined;
  private lastError: string | undefined;
  private registryState: ServingState['registry'] = 'ok';
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly checkIntervalMs: number,
    private readonly clock: Clock,
    /** Where loads are counted: `alm_model_reloads_total{model_version}`, `alm_model_reload_failures_total`. */
    private readonly metrics: Metrics,
  ) {}

  /** The current model; throws NoProductionModelError when there is none to serve. */
  async current(): Promise<ServedModel> {
    const refreshing = this.refreshIfDue();
    if (this.served) return this.served; // the check (if due) goes on in the background
    await refreshing;
    if (!this.served) {
      throw new NoProductionModelError(this.lastError ? `no model can be served: ${this.lastError}` : 'no model is in production yet');
    }
    return this.served;
  }

  /** Checks the pointer if the interval has passed (one check at a time, shared by concurrent callers); never rejects. */
  async refreshIfDue(): Promise<void> {
    const due = !this.checkedAt || this.clock.now().getTime() - this.checkedAt.getTime() >= this.checkIntervalMs;
    if (due) this.inFlight ??= this.refresh().finally(() => (this.inFlight = undefined));
    await this.inFlight; // a check already running counts: its result is what the caller waits for
  }

  state(): ServingState {
    return {
      model_version: this.served?.version ?? null,
      loaded_at: this.loadedAt?.toISOString() ?? null,
      last_checked_at: this.checkedAt?.toISOString() ?? null,
      last_reload_error: this.lastError ?? null,
      registry: this.registryState,
    };
  }

  private async refresh(): Promise<void> {
    this.checkedAt = this.clock.now();
    let etag: string | undefined;
    try {
      etag = await this.registry.production.etag();
      this.registryState = etag === undefined && this.served ? 'lost' : 'ok';
      if (this.registryState === 'lost') this.lastError = `registry lost: ${PRODUCTION_POINTER} is gone; still serving ${this.served?.version}`;
      if (etag === undefined || etag === this.refusedEtag) return; // a refused pointer stays refused (counted once)
      if (etag === this.servedEtag) {
        this.lastError = undefined;
        return;
      }
      const production = await this.registry.production.get();
      if (!production) return;
      const pipeline = await acceptModel(this.registry.versions, production.pointer.version, this.metrics, 'serve');
      this.served = { version: production.pointer.version, pipeline, predictRecord: createRowPredictor(pipeline) };
      this.servedEtag = production.etag;
      this.loadedAt = this.clock.now();
      this.lastError = undefined;
      this.metrics.increment('alm_model_reloads_total', { model_version: production.pointer.version });
    } catch (error) {
      this.registryState = error instanceof StoreUnavailableError ? 'unreachable' : 'ok';
      if (error instanceof ModelRejectedError) this.refusedEtag = etag;
      this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.metrics.increment('alm_model_reload_failures_total');
    }
  }
}
