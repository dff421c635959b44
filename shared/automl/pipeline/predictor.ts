import { candidateByName } from '../candidates/catalog.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import type { FittedModel, Encoding } from '../candidates/candidate.js';
import { frameFromTable, sliceFrameRows, type Frame } from '../data/frame.js';
import type { Table } from '../data/table.js';
import { binnedEncoder } from '../preprocess/encodeBinned.js';
import { encodeDense } from '../preprocess/encodeDense.js';
import { outputsPerRow } from '../task.js';
import { decodePrediction } from './decodePrediction.js';
import { weightedPredictions } from '../ensemble/ensembleSelection.js';
import { WEIGHTED_ENSEMBLE } from '../ensemble/modelName.js';
import { memberPipelines } from '../ensemble/weightedEnsemble.js';
import type { Pipeline } from './pipeline.js';

/** Predictions of a frame: `values` has `outputs` numbers per row (see FittedModel.predict). */
export interface Predictions {
  readonly outputs: number;
  readonly values: Float64Array;
}

/** A loaded pipeline, ready to predict. */
export interface Predictor {
  readonly pipeline: Pipeline;
  predictFrame(frame: Frame): Predictions;
  predictTable(table: Table): Predictions;
  /** The predicted label per row: class label (binary uses the pipeline's threshold), or value. */
  labels(predictions: Predictions): string[];
}

/**
 * Builds a predictor from a pipeline (see `parseModel`). A weighted ensemble predicts the
 * weighted sum of its members' outputs (see ensemble/weightedEnsemble.ts).
 */
export function createPredictor(pipeline: Pipeline): Predictor {
  if (pipeline.candidate !== WEIGHTED_ENSEMBLE) return withLabels(pipeline, candidatePredictFrame(pipeline));
  const members = memberPipelines(pipeline).map((m) => ({ predictFrame: candidatePredictFrame(m.pipeline), weight: m.weight }));
  const outputs = outputsPerRow(pipeline.target.task, pipeline.target.classes?.length ?? 0);
  return withLabels(pipeline, (frame) => ({
    outputs,
    values: asProbabilities(
      weightedPredictions(members.map((m) => m.predictFrame(frame).values), members.map((m) => m.weight)),
      pipeline.target.task,
      pipeline.target.classes?.length ?? 0,
    ),
  }));
}

/**
 * Rows encoded and predicted at a time: a chunk's codes, composite columns and scores stay in the
 * CPU caches between the passes over it (at 20,000 rows they do not: about 1.3× slower).
 */
export const PREDICT_CHUNK_ROWS = 8192;

/** Frame predictions of a single-candidate pipeline, in equal chunks of at most {@link PREDICT_CHUNK_ROWS} rows. */
function candidatePredictFrame(pipeline: Pipeline): (frame: Frame) => Predictions {
  const candidate = candidateByName(pipeline.candidate);
  const model: FittedModel<Encoding> = candidate.fromJSON(pipeline.model);
  const { task } = pipeline.target;
  const nClasses = pipeline.target.classes?.length ?? 0;
  const outputs = outputsPerRow(task, nClasses);
  const encodeBinned = binnedEncoder(pipeline.preprocessor);
  const predictChunk = (frame: Frame): Float64Array => {
    const X = candidate.encoding === 'dense' ? encodeDense(pipeline.preprocessor, frame) : encodeBinned(frame);
    return asProbabilities(model.predict(X), task, nClasses);
  };
  return (frame) => {
    if (frame.nRows <= PREDICT_CHUNK_ROWS) return { outputs, values: predictChunk(frame) };
    // Equal chunks of at most PREDICT_CHUNK_ROWS (so more than half of it: none falls below the
    // GBM's smallest leaf-mask batch, MASKED_BATCH_MIN_ROWS).
    const size = Math.ceil(frame.nRows / Math.ceil(frame.nRows / PREDICT_CHUNK_ROWS));
    const values = new Float64Array(frame.nRows * outputs);
    for (let start = 0; start < frame.nRows; start += size) {
      const end = Math.min(frame.nRows, start + size);
      values.set(predictChunk(sliceFrameRows(frame, start, end)), start * outputs);
    }
    return { outputs, values };
  };
}

/** The predictor around `predictFrame`: tables, labels. */
function withLabels(pipeline: Pipeline, predictFrame: (frame: Frame) => Predictions): Predictor {
  const outputs = outputsPerRow(pipeline.target.task, pipeline.target.classes?.length ?? 0);
  return {
    pipeline,
    predictFrame,
    predictTable: (table) => predictFrame(frameFromTable(table, pipeline.features)),
    labels({ values }) {
      const threshold = pipeline.threshold ?? 0.5;
      return Array.from({ length: values.length / outputs }, (_, r) =>
        String(decodePrediction(pipeline.target, threshold, values.subarray(r * outputs, (r + 1) * outputs)).prediction),
      );
    },
  };
}
