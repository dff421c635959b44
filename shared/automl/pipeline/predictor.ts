import { candidateByName } from '../candidates/catalog.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import type { FittedModel, Encoding } from '../candidates/candidate.js';
import { frameFromTable, type Frame } from '../data/frame.js';
import type { Table } from '../data/table.js';
import { encodeBinned } from '../preprocess/encodeBinned.js';
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

/** Frame predictions of a single-candidate pipeline. */
function candidatePredictFrame(pipeline: Pipeline): (frame: Frame) => Predictions {
  const candidate = candidateByName(pipeline.candidate);
  const model: FittedModel<Encoding> = candidate.fromJSON(pipeline.model);
  const outputs = outputsPerRow(pipeline.target.task, pipeline.target.classes?.length ?? 0);
  return (frame) => {
    const X = candidate.encoding === 'dense' ? encodeDense(pipeline.preprocessor, frame) : encodeBinned(pipeline.preprocessor, frame);
    return { outputs, values: asProbabilities(model.predict(X), pipeline.target.task, pipeline.target.classes?.length ?? 0) };
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
