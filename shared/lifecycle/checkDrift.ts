import { frameFromTable } from '../automl/data/frame.js';
import { parseCsv } from '../automl/data/parseCsv.js';
import { DatasetSchemaSchema } from '../automl/schema/datasetSchema.js';
import { FeatureStatisticsSchema } from '../automl/statistics/featureStatistics.js';
import { featureDrift, type FeatureDrift } from '../drift/featureDrift.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { DatasetStore } from './datasetStore.js';

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
export async function checkDrift(ports: { registry: ModelRegistry; datasets: DatasetStore }): Promise<DriftReport> {
  const production = await ports.registry.getProduction();
  if (!production) return { status: 'no_model' };
  const latest = await ports.datasets.latest();
  const csv = latest && (await ports.datasets.get(latest.digest));
  if (!latest || csv === undefined) return { status: 'no_data' };
  const version = production.pointer.version;
  const reference = FeatureStatisticsSchema.parse(JSON.parse(await ports.registry.readFile(version, 'feature_statistics.json')));
  const schema = DatasetSchemaSchema.parse(JSON.parse(await ports.registry.readFile(version, 'schema.json')));
  const frame = frameFromTable(parseCsv(csv), schema.features);
  const features = featureDrift(frame, schema.features, reference);
  return { status: 'checked', model_version: version, dataset_digest: latest.digest, features, drifted: features.filter((f) => f.drifted).map((f) => f.feature) };
}
