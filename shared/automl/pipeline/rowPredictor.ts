import { candidateByName } from '../candidates/catalog.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import { GradientBoostingModel } from '../candidates/gradientBoosting/index.js';
import { categoryCanonicalizer, type Frame, type FrameColumn } from '../data/frame.js';
import { isMissing } from '../data/table.js';
import { InvalidInputError } from '../errors.js';
import { binCoder, encodeBinned } from '../preprocess/encodeBinned.js';
import { encodeDense } from '../preprocess/encodeDense.js';
import { outputsPerRow } from '../task.js';
import type { Pipeline } from './pipeline.js';
import { WEIGHTED_ENSEMBLE } from '../ensemble/modelName.js';
import { memberPipelines } from '../ensemble/weightedEnsemble.js';

/** One input record: feature name → value. Absent, null or empty values count as missing. */
export type FeatureRecord = Readonly<Record<string, unknown>>;

/**
 * A single-record predictor for serving. Gradient boosting pipelines take an allocation-light
 * path (record → bin codes → trees, the codes from `binCoder`, as `encodeBinned` gives them);
 * other candidates go through a one-row frame. Returns the outputs of `FittedModel.predict` for
 * that row. A value that does not fit the schema (text in a numeric feature) is an
 * InvalidInputError naming the feature.
 */
export function createRowPredictor(pipeline: Pipeline): (record: FeatureRecord) => Float64Array {
  if (pipeline.candidate !== WEIGHTED_ENSEMBLE) return candidateRowPredictor(pipeline);
  // A weighted ensemble: the weighted sum of its members' outputs for the record.
  const members = memberPipelines(pipeline).map((m) => ({ predict: candidateRowPredictor(m.pipeline), weight: m.weight }));
  const nClasses = pipeline.target.classes?.length ?? 0;
  const outputs = outputsPerRow(pipeline.target.task, nClasses);
  return (record) => {
    const out = new Float64Array(outputs);
    for (const { predict, weight } of members) {
      const values = predict(record);
      for (let k = 0; k < outputs; k++) out[k] += weight * values[k];
    }
    return asProbabilities(out, pipeline.target.task, nClasses);
  };
}

function candidateRowPredictor(pipeline: Pipeline): (record: FeatureRecord) => Float64Array {
  const candidate = candidateByName(pipeline.candidate);
  const model = candidate.fromJSON(pipeline.model);
  const nClasses = pipeline.target.classes?.length ?? 0;
  const outputs = outputsPerRow(pipeline.target.task, nClasses);
  const canonical = pipeline.features.map((f) => (f.type === 'numeric' ? undefined : categoryCanonicalizer(f)));
  const readers = pipeline.features.map((feature, f) => {
    const name = feature.name;
    if (feature.type === 'numeric') return (record: FeatureRecord) => numericValue(record[name], name);
    const toCanonical = canonical[f] as (text: string) => string;
    return (record: FeatureRecord) => categoryValue(record[name], toCanonical);
  });

  if (model instanceof GradientBoostingModel) {
    const binners = pipeline.preprocessor.features.map((encoding, f) => {
      const code = binCoder(encoding);
      return (record: FeatureRecord) => code(readers[f](record));
    });
    const codes = new Uint8Array(binners.length);
    return (record) => {
      for (let f = 0; f < binners.length; f++) codes[f] = binners[f](record);
      const out = new Float64Array(outputs);
      model.predictRow(codes, out);
      return out;
    };
  }
  return (record) => {
    const columns = pipeline.features.map((feature, f): FrameColumn => {
      const value = readers[f](record);
      return feature.type === 'numeric'
        ? { kind: 'numeric', values: Float64Array.of(value as number) }
        : { kind: 'categorical', values: [value as string | null] };
    });
    const frame: Frame = { nRows: 1, columns };
    const X = candidate.encoding === 'dense' ? encodeDense(pipeline.preprocessor, frame) : encodeBinned(pipeline.preprocessor, frame);
    return asProbabilities(model.predict(X), pipeline.target.task, nClasses);
  };
}

function numericValue(value: unknown, name: string): number {
  if (value === undefined || value === null) return Number.NaN;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new InvalidInputError(`feature '${name}': ${value} is not a finite number`);
  }
  if (typeof value === 'string') {
    if (isMissing(value)) return Number.NaN;
    const parsed = Number(value.trim());
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new InvalidInputError(`feature '${name}': ${JSON.stringify(value)} is not a number`);
}

function categoryValue(value: unknown, toCanonical: (text: string) => string): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return isMissing(text) ? null : toCanonical(text);
}
