import { primaryScore } from '../automl/evaluation/taskMetrics.js';
import { classIndexer } from '../automl/schema/classIndex.js';
import { qualityDrop, type LiveQuality } from '../decision/liveQuality.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { LabeledPrediction } from '../serving/labeledPredictions.js';
import { readDatasetSchema } from './readArtifacts.js';
import { recordedQuality } from './recordedQuality.js';

/**
 * The live quality of `version`: its primary metric on the labeled predictions it served (rows of
 * the predictions ⋈ labels join of a window, `labeledPredictions`/`joinLabels`), next to its
 * recorded figure (`recordedQuality`), measured at `measuredAt`. Binary: the logged positive-class probability
 * against the label's class; multiclass: the logged probabilities; regression: the value.
 * Undefined when it cannot be computed (no labeled row, or a binary window with a single class).
 */
export async function measureLiveQuality(
  registry: Pick<ModelRegistry, 'versions' | 'verdicts'>,
  version: VersionId,
  joined: readonly LabeledPrediction[],
  measuredAt: string,
): Promise<LiveQuality | undefined> {
  const [{ target }, recorded] = await Promise.all([readDatasetSchema(registry.versions, version), recordedQuality(registry, version)]);
  const classes = target.classes ?? [];
  const classOf = classIndexer(target);
  const y: number[] = [];
  const outputs: number[] = [];
  for (const { prediction, actual } of joined) {
    if (prediction.model_version !== version) continue;
    if (target.task === 'regression') {
      if (typeof prediction.prediction !== 'number') continue;
      y.push(Number(actual));
      outputs.push(prediction.prediction);
      continue;
    }
    const label = classOf(actual);
    const scores = target.task === 'binary' ? [prediction.probability] : classes.map((c) => prediction.probabilities?.[c]);
    if (label === undefined || scores.some((p) => typeof p !== 'number')) continue;
    y.push(label);
    outputs.push(...(scores as number[]));
  }
  if (y.length === 0 || (target.task === 'binary' && new Set(y).size < 2)) return undefined;
  const { metric, score } = recorded;
  const live = primaryScore(target.task, Float64Array.from(y), Float64Array.from(outputs), classes.length);
  return { version, metric, live, rows: y.length, recorded: score, drop: qualityDrop(metric, live, score), measured_at: measuredAt };
}
