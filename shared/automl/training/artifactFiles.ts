import { serializeModel } from '../pipeline/modelArtifact.js';
import type { TrainingResult } from './trainModel.js';

/**
 * The artifact file names a training run writes, in the registry and in `--out`; those of
 * `OPTIONAL_ARTIFACT_FILES` only for some runs (`calibration.json`: binary tasks). Versions
 * written before `calibration.json` and `multivariate_reference.json` existed lack them.
 */
export const ARTIFACT_FILES = [
  'schema.json',
  'feature_statistics.json',
  'drift_reference.json',
  'multivariate_reference.json',
  'metrics.json',
  'leaderboard.json',
  'model.json',
  'training_info.json',
  'test_predictions.json',
  'calibration.json',
] as const;
export type ArtifactFile = (typeof ARTIFACT_FILES)[number];
export const OPTIONAL_ARTIFACT_FILES = ['calibration.json'] as const satisfies readonly ArtifactFile[];
export type OptionalArtifactFile = (typeof OPTIONAL_ARTIFACT_FILES)[number];

/** The text of every artifact. `model.json` is byte-identical for the same data and seed. */
export function artifactFiles(result: TrainingResult): Record<Exclude<ArtifactFile, OptionalArtifactFile>, string> & Partial<Record<OptionalArtifactFile, string>> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'schema.json': json(result.schema),
    'feature_statistics.json': json(result.featureStatistics),
    // Compact: thousands of sample values, one per line when indented.
    'drift_reference.json': `${JSON.stringify(result.driftReference)}\n`,
    // Compact: up to 5,000 per-row reconstruction errors.
    'multivariate_reference.json': `${JSON.stringify(result.multivariateReference)}\n`,
    'metrics.json': json(result.metrics),
    'leaderboard.json': json([...result.leaderboard, ...result.skipped]),
    'model.json': serializeModel(result.pipeline),
    'training_info.json': json(result.info),
    // Compact: one number per test row and output.
    'test_predictions.json': `${JSON.stringify(result.testPredictions)}\n`,
    // Compact: up to 20,000 reference rows.
    ...(result.calibration ? { 'calibration.json': `${JSON.stringify(result.calibration)}\n` } : {}),
  };
}
