import type { PrimaryMetric } from '../automl/evaluation/taskMetrics.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { readMetrics } from './readArtifacts.js';

/** The figure a version is held to: its primary metric, the score, and the rows it was measured on. */
export interface RecordedQuality {
  readonly metric: PrimaryMetric;
  readonly score: number;
  readonly rows: number;
}

/**
 * The quality `version` was recorded with: its score on recent labeled production rows when its
 * promotion decision measured one (the verdict's shared holdout of source `recent_labeled`, the
 * rows of that holdout), else its test figure (its test rows). A version retrained on drifted
 * data is held to what it scored on that data, not on the older rows its test split also holds.
 */
export async function recordedQuality(registry: Pick<ModelRegistry, 'versions' | 'verdicts'>, version: VersionId): Promise<RecordedQuality> {
  const [metrics, verdict] = await Promise.all([readMetrics(registry.versions, version), registry.verdicts.get(version)]);
  const metric = metrics.primary_metric;
  const comparison = verdict?.comparison;
  if (verdict && comparison?.holdout.source === 'recent_labeled') return { metric, score: verdict.candidate_score, rows: comparison.rows };
  return { metric, score: metrics.test[metric], rows: metrics.test_rows };
}
