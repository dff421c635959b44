import { primaryScore } from '../automl/evaluation/taskMetrics.js';
import { qualityDrop, type LiveQuality } from '../decision/liveQuality.js';
import type { DriftWindow } from '../registry/driftSchemas.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { labeledPredictions } from '../serving/labeledPredictions.js';
import { readDatasetSchema, readMetrics } from './readArtifacts.js';

/**
 * The live quality of `version`: its primary metric on the predictions it served in `window`
 * that have ground truth (the predictions ⋈ labels join), next to its recorded test figure.
 * Binary: the logged positive-class probability against the label's class; multiclass: the
 * logged probabilities; regression: the value. Undefined when it cannot be computed (no labeled
 * row, or a binary window with a single class).
 */
export async function measureLiveQuality(
  registry: Pick<ModelRegistry, 'versions' | 'predictions' | 'labels'>,
  version: VersionId,
  window: DriftWindow,
): Promise<LiveQuality | undefined> {
  const [{ target }, metrics, joined] = await Promise.all([
    readDatasetSchema(registry.versions, version),
    readMetrics(registry.versions, version),
    labeledPredictions(registry, { from: new Date(window.from), to: new Date(window.to) }),
  ]);
  const classes = target.classes ?? [];
  const canonical = (value: string | number) => (Number.isFinite(Number(value)) && String(value).trim() !== '' ? String(Number(value)) : String(value));
  const index = new Map(classes.map((c, i) => [canonical(c), i]));
  const y: number[] = [];
  const outputs: number[] = [];
  for (const { prediction, actual } of joined.rows) {
    if (prediction.model_version !== version) continue;
    if (target.task === 'regression') {
      if (typeof prediction.prediction !== 'number') continue;
      y.push(Number(actual));
      outputs.push(prediction.prediction);
      continue;
    }
    const label = index.get(canonical(actual));
    const scores = target.task === 'binary' ? [prediction.probability] : classes.map((c) => prediction.probabilities?.[c]);
    if (label === undefined || scores.some((p) => typeof p !== 'number')) continue;
    y.push(label);
    outputs.push(...(scores as number[]));
  }
  if (y.length === 0 || (target.task === 'binary' && new Set(y).size < 2)) return undefined;
  const metric = metrics.primary_metric;
  const live = primaryScore(target.task, Float64Array.from(y), Float64Array.from(outputs), classes.length);
  const recorded = metrics.test[metric];
  return { version, metric, live, rows: y.length, recorded, drop: qualityDrop(metric, live, recorded), measured_at: window.to };
}
