import { candidateByName } from '../candidates/catalog.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import { GradientBoostingModel } from '../candidates/gradientBoosting/index.js';
import { categoryCanonicalizer, type Frame, type FrameColumn } from '../data/frame.js';
import { isMissing } from '../data/table.js';
import { InvalidInputError } from '../errors.js';
import { binCoder, encodeBinned } from '../preprocess/encodeBinned.js';
import { encodeDense } from '../preprocess/encodeDense.js';
import type { FeatureValue } from '../preprocess/preprocessor.js';
import { outputsPerRow } from '../task.js';
import type { Pipeline } from './pipeline.js';
import { WEIGHTED_ENSEMBLE } from '../ensemble/modelName.js';
import { memberPipelines } from '../ensemble/weightedEnsemble.js';

/** One input record: feature name → value. Absent, null or empty values count as missing. */
export type FeatureRecord = Readonly<Record<string, unknown>>;

/**
 * A single-record predictor for serving. The record is read once into typed feature values (a
 * number, NaN for missing, or a canonical category, null for missing); gradient boosting pipelines
 * then take an allocation-light path (values → bin codes → trees, the codes from `binCoder`, as
 * `encodeBinned` gives them); other candidates go through a one-row frame. A weighted ensemble's
 * members share the read values. Returns the outputs of `FittedModel.predict` for that row. A
 * value that does not fit the schema (text in a numeric feature) is an InvalidInputError naming
 * the feature.
 */
export function createRowPredictor(pipeline: Pipeline): (record: FeatureRecord) => Float64Array {
  const read = recordReader(pipeline);
  if (pipeline.candidate !== WEIGHTED_ENSEMBLE) {
    const predict = valuesPredictor(pipeline);
    return (record) => predict(read(record));
  }
  const members = memberPipelines(pipeline).map((m) => ({ predict: valuesPredictor(m.pipeline), weight: m.weight }));
  const nClasses = pipeline.target.classes?.length ?? 0;
  const outputs = outputsPerRow(pipeline.target.task, nClasses);
  return (record) => {
    const values = read(record);
    const out = new Float64Array(outputs);
    for (const { predict, weight } of members) {
      const own = predict(values);
      for (let k = 0; k < outputs; k++) out[k] += weight * own[k];
    }
    return asProbabilities(out, pipeline.target.task, nClasses);
  };
}

/** Record → one typed value per schema feature (into the same array each call). */
function recordReader(pipeline: Pipeline): (record: FeatureRecord) => FeatureValue[] {
  const readers = pipeline.features.map((feature): ((record: FeatureRecord) => FeatureValue) => {
    const name = feature.name;
    if (feature.type === 'numeric') return (record) => numericValue(record[name], name);
    const toCanonical = categoryCanonicalizer(feature);
    return (record) => categoryValue(record[name], toCanonical);
  });
  const values = new Array<FeatureValue>(readers.length);
  return (record) => {
    for (let f = 0; f < readers.length; f++) values[f] = readers[f](record);
    return values;
  };
}

/** The outputs of one candidate's model for one row of typed values. */
function valuesPredictor(pipeline: Pipeline): (values: readonly FeatureValue[]) => Float64Array {
  const candidate = candidateByName(pipeline.candidate);
  const model = candidate.fromJSON(pipeline.model);
  const nClasses = pipeline.target.classes?.length ?? 0;
  const outputs = outputsPerRow(pipeline.target.task, nClasses);

  if (model instanceof GradientBoostingModel) {
    const coders = pipeline.preprocessor.features.map(binCoder);
    const codes = new Uint8Array(coders.length);
    return (values) => {
      for (let f = 0; f < coders.length; f++) codes[f] = coders[f](values[f]);
      const out = new Float64Array(outputs);
      model.predictRow(codes, out);
      return out;
    };
  }
  return (values) => {
    const columns = pipeline.features.map((feature, f): FrameColumn =>
      feature.type === 'numeric'
        ? { kind: 'numeric', values: Float64Array.of(values[f] as number) }
        : { kind: 'categorical', values: [values[f] as string | null] },
    );
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
