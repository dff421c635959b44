import { primaryScore } from '../automl/evaluation/taskMetrics.js';
import { parseModel } from '../automl/pipeline/modelArtifact.js';
import { createRowPredictor } from '../automl/pipeline/rowPredictor.js';
import { targetMismatch } from '../automl/pipeline/targetMismatch.js';
import { classIndexer } from '../automl/schema/classIndex.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { LabeledPrediction } from '../serving/labeledPredictions.js';

/** A version's primary metric on rows another version served, and how many rows. */
export interface ShadowQuality {
  readonly live: number;
  readonly rows: number;
}

/**
 * `version` scored in the shadow of `servedBy`: its own outputs on the logged records of the
 * labeled predictions `servedBy` made, against their labels — both models on the same rows, so a
 * drift that came in between does not count for or against either. Binary: positive-class
 * probability; multiclass: the class probabilities; regression: the value. A record the model
 * cannot read is left out. Undefined when the two versions predict different targets or
 * classes, or when no row (or, binary, a single class) remains.
 */
export async function shadowQuality(
  registry: Pick<ModelRegistry, 'versions'>,
  version: VersionId,
  servedBy: VersionId,
  joined: readonly LabeledPrediction[],
): Promise<ShadowQuality | undefined> {
  const [shadow, served] = await Promise.all(
    [version, servedBy].map(async (v) => parseModel(await registry.versions.readFile(v, 'model.json'))),
  );
  if (targetMismatch(shadow, served)) return undefined;
  const { target } = shadow;
  const predict = createRowPredictor(shadow);
  const classOf = classIndexer(target);
  const y: number[] = [];
  const outputs: number[] = [];
  for (const { prediction, actual } of joined) {
    if (prediction.model_version !== servedBy) continue;
    const label = target.task === 'regression' ? Number(actual) : classOf(actual);
    if (label === undefined || Number.isNaN(label)) continue;
    let scores: Float64Array;
    try {
      scores = predict(prediction.record);
    } catch {
      continue;
    }
    y.push(label);
    outputs.push(...scores);
  }
  if (y.length === 0 || (target.task === 'binary' && new Set(y).size < 2)) return undefined;
  return { live: primaryScore(target.task, Float64Array.from(y), Float64Array.from(outputs), target.classes?.length ?? 0), rows: y.length };
}
