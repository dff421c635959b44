import { z } from 'zod';
import { DatasetSchemaSchema } from '../automl/schema/datasetSchema.js';
import { LeaderboardEntrySchema, TrainingMetricsSchema } from '../automl/training/reports.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { ManifestMetadataSchema, TimestampSchema } from '../registry/schemas.js';
import { VersionIdSchema } from '../registry/ids.js';
import { NoProductionModelError } from './errors.js';
import { readDatasetSchema, readLeaderboard, readMetrics } from './readArtifacts.js';

/**
 * `GET /model_info`: the production version as a user of a model registry expects to see it:
 * version, chosen candidate, test metrics, a leaderboard summary (candidate, validation mean and
 * test score of each), the input schema, the training data digest, when it was created and
 * when it was put in production.
 */
export const ModelInfoSchema = z.object({
  version: VersionIdSchema,
  candidate: ManifestMetadataSchema.shape.candidate,
  metrics: TrainingMetricsSchema,
  leaderboard: z.array(LeaderboardEntrySchema.pick({ candidate: true, primary_metric: true, cv_mean: true, cv_std: true, test: true })),
  schema: DatasetSchemaSchema,
  training_data_digest: ManifestMetadataSchema.shape.dataset_digest,
  created_at: TimestampSchema,
  promoted_at: TimestampSchema,
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** The model-info use case; NoProductionModelError (503) before the first promotion. */
export async function modelInfo(registry: ModelRegistry): Promise<ModelInfo> {
  const production = await registry.production.get();
  if (!production) throw new NoProductionModelError('no model is in production yet');
  const { version, promoted_at } = production.pointer;
  const [manifest, metrics, leaderboard, schema] = await Promise.all([
    registry.versions.manifest(version),
    readMetrics(registry.versions, version),
    readLeaderboard(registry.versions, version),
    readDatasetSchema(registry.versions, version),
  ]);
  return {
    version,
    candidate: manifest.metadata.candidate,
    metrics,
    leaderboard: leaderboard.map(({ candidate, primary_metric, cv_mean, cv_std, test }) => ({ candidate, primary_metric, cv_mean, cv_std, test })),
    schema,
    training_data_digest: manifest.metadata.dataset_digest,
    created_at: manifest.created_at,
    promoted_at,
  };
}
