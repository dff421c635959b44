import { CalibrationSchema, type Calibration } from '../automl/calibration/calibrationSchema.js';
import { DatasetSchemaSchema, type DatasetSchema } from '../automl/schema/datasetSchema.js';
import { DriftReferenceSchema, type DriftReference } from '../automl/statistics/driftReference.js';
import { FeatureStatisticsSchema, type FeatureStatistics } from '../automl/statistics/featureStatistics.js';
import { MultivariateReferenceSchema, type MultivariateReference } from '../automl/statistics/multivariate/multivariateReference.js';
import { LeaderboardSchema, TestPredictionsSchema, TrainingMetricsSchema, scoredEntries, type LeaderboardEntry, type TestPredictions, type TrainingMetrics } from '../automl/training/reports.js';
import { z } from 'zod';
import type { VersionId } from '../registry/ids.js';
import { parseStored } from '../registry/storedDocument.js';
import type { VersionStore } from '../registry/versionStore.js';

/**
 * The JSON artifacts of a registered version, read (checksum-checked by the version store) and
 * parsed with the engine's own schemas; one that does not match is a CorruptObjectError.
 */
export function readMetrics(versions: VersionStore, version: VersionId): Promise<TrainingMetrics> {
  return readArtifact(versions, version, 'metrics.json', TrainingMetricsSchema);
}

/** The scored entries of a version's leaderboard (its skipped candidates left out). */
export async function readLeaderboard(versions: VersionStore, version: VersionId): Promise<LeaderboardEntry[]> {
  return scoredEntries(await readArtifact(versions, version, 'leaderboard.json', LeaderboardSchema));
}

export function readTestPredictions(versions: VersionStore, version: VersionId): Promise<TestPredictions> {
  return readArtifact(versions, version, 'test_predictions.json', TestPredictionsSchema);
}

export function readDatasetSchema(versions: VersionStore, version: VersionId): Promise<DatasetSchema> {
  return readArtifact(versions, version, 'schema.json', DatasetSchemaSchema);
}

export function readFeatureStatistics(versions: VersionStore, version: VersionId): Promise<FeatureStatistics> {
  return readArtifact(versions, version, 'feature_statistics.json', FeatureStatisticsSchema);
}

export function readDriftReference(versions: VersionStore, version: VersionId): Promise<DriftReference> {
  return readArtifact(versions, version, 'drift_reference.json', DriftReferenceSchema);
}

/**
 * A version's `calibration.json` (binary tasks; the calibration map and CBPE's reference), or
 * undefined when its manifest lists none: versions trained before it, and non-binary ones.
 */
export function readCalibration(versions: VersionStore, version: VersionId): Promise<Calibration | undefined> {
  return readOptionalArtifact(versions, version, 'calibration.json', CalibrationSchema);
}

/** A version's `multivariate_reference.json`, or undefined for a version trained before it existed. */
export function readMultivariateReference(versions: VersionStore, version: VersionId): Promise<MultivariateReference | undefined> {
  return readOptionalArtifact(versions, version, 'multivariate_reference.json', MultivariateReferenceSchema);
}

async function readOptionalArtifact<S extends z.ZodType>(versions: VersionStore, version: VersionId, file: string, schema: S): Promise<z.output<S> | undefined> {
  const manifest = await versions.manifest(version);
  if (!manifest.files[file]) return undefined;
  return readArtifact(versions, version, file, schema);
}

async function readArtifact<S extends z.ZodType>(versions: VersionStore, version: VersionId, file: string, schema: S): Promise<z.output<S>> {
  return parseStored(schema, await versions.readFile(version, file), `${version}/${file}`);
}
