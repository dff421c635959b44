import { frameFromTable } from '../automl/data/frame.js';
import { parseCsv } from '../automl/data/parseCsv.js';
import { featureDrift, type FeatureDrift } from '../drift/featureDrift.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { readDatasetSchema, readFeatureStatistics } from './readArtifacts.js';

export type DriftReport =
  | { readonly status: 'no_model' | 'no_data' }
  | {
      readonly status: 'checked';
      readonly model_version: string;
      readonly dataset_digest: string;
      readonly features: FeatureDrift[];
      readonly drifted: string[];
    };

/**
 * The drift-check use case: the most recently ingested dataset against the production model's
 * training statistics (`feature_statistics.json`), feature by feature, by PSI.
 */
export async function checkDrift(registry: ModelRegistry): Promise<DriftReport> {
  const production = await registry.production.get();
  if (!production) return { status: 'no_model' };
  const latest = await registry.datasets.latest();
  const csv = latest && (await registry.datasets.get(latest.digest));
  if (!latest || csv === undefined) return { status: 'no_data' };
  const version = production.pointer.version;
  const reference = await readFeatureStatistics(registry.versions, version);
  const schema = await readDatasetSchema(registry.versions, version);
  const features = featureDrift(frameFromTable(parseCsv(csv), schema.features), schema.features, reference);
  return { status: 'checked', model_version: version, dataset_digest: latest.digest, features, drifted: features.filter((f) => f.drifted).map((f) => f.feature) };
}
