import type { ObjectStore } from '../../shared/ports/objectStore.js';
import type { VersionId } from '../../shared/registry/ids.js';
import { createModelRegistry, type ModelRegistryOptions } from '../../shared/registry/modelRegistry.js';
import type { ManifestMetadata, Verdict } from '../../shared/registry/schemas.js';
import type { VersionStore } from '../../shared/registry/versionStore.js';
import { manualClock } from './manualClock.js';
import { SpyStore } from './spyStore.js';

/** A valid training run key (a SHA-256). */
export const RUN_KEY = 'a'.repeat(64);

/** Compare-and-swap retries without backoff delays. */
export const NO_BACKOFF = { retry: { baseDelayMs: 0 } } as const;

/** Two small artifacts whose text carries `tag`, so each version's content is its own. */
export function files(tag: string): Record<string, string> {
  return { 'model.json': `{"model":"${tag}"}\n`, 'metrics.json': `{"auc":0.9,"tag":"${tag}"}\n` };
}

/** Valid manifest metadata, with `overrides`. */
export function metadata(overrides: Partial<ManifestMetadata> = {}): ManifestMetadata {
  return {
    dataset_digest: 'd'.repeat(64),
    run_key: RUN_KEY,
    candidate: 'gradient_boosting',
    primary_metric: 'roc_auc',
    test_score: 0.91,
    cv_mean: 0.89,
    rows: 500,
    ...overrides,
  };
}

/** A valid verdict on `version`, with `overrides`. */
export function verdict(version: VersionId, overrides: Partial<Verdict> = {}): Verdict {
  return {
    decision: 'promoted',
    reason: 'first model: ROC AUC above the baseline',
    version,
    primary_metric: 'roc_auc',
    candidate_score: 0.91,
    production_version: null,
    production_score: null,
    decided_at: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** `document` with `field` set to `value` (undefined: the field missing), whatever its type: for schema violations. */
export function withField<T extends object>(document: T, field: string, value: unknown): T {
  return { ...document, [field]: value } as T;
}

/** Registers `count` versions in order: version i holds files(`m${i}`) and metadata rows i. */
export async function registerVersions(versions: VersionStore, count: number): Promise<VersionId[]> {
  const registered: VersionId[] = [];
  for (let i = 1; i <= count; i++) registered.push(await versions.register(files(`m${i}`), metadata({ rows: i })));
  return registered;
}

/** A registry on a SpyStore (over a MemoryObjectStore) with a manual clock and `count` versions registered. */
export async function registryWithVersions(count: number, options: Partial<ModelRegistryOptions> = {}) {
  const store = new SpyStore();
  const clock = manualClock();
  const registry = createModelRegistry(store, { clock, ...NO_BACKOFF, ...options });
  const versions = await registerVersions(registry.versions, count);
  return { store, clock, registry, versions };
}

/** A second registry on the same objects, as another process would have: the rival in a race. */
export function rivalOf(store: ObjectStore) {
  return createModelRegistry(store, { clock: manualClock(), ...NO_BACKOFF });
}
