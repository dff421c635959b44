import { candidateByName } from '../candidates/registry.js';
import type { FittedModel, Encoding } from '../candidates/candidate.js';
import { frameFromTable, type Frame } from '../data/frame.js';
import type { Table } from '../data/table.js';
import { encodeBinned, encodeDense } from '../preprocess/encode.js';
import { outputsPerRow } from '../task.js';
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

/** Builds a predictor from a pipeline (see `parseModel`). */
export function createPredictor(pipeline: Pipeline): Predictor {
  const candidate = candidateByName(pipeline.candidate);
  const model: FittedModel<Encoding> = candidate.fromJSON(pipeline.model);
  const { task, classes = [] } = pipeline.target;
  const outputs = outputsPerRow(task, classes.length);
  const predictFrame = (frame: Frame): Predictions => {
    const X = candidate.encoding === 'dense' ? encodeDense(pipeline.preprocessor, frame) : encodeBinned(pipeline.preprocessor, frame);
    return { outputs, values: model.predict(X) };
  };
  return {
    pipeline,
    predictFrame,
    predictTable: (table) => predictFrame(frameFromTable(table, pipeline.features)),
    labels({ values }) {
      if (task === 'regression') return Array.from(values, String);
      if (task === 'binary') {
        const threshold = pipeline.threshold ?? 0.5;
        return Array.from(values, (p) => classes[p >= threshold ? 1 : 0]);
      }
      const labels: string[] = [];
      for (let r = 0; r < values.length / outputs; r++) {
        let best = 0;
        for (let k = 1; k < outputs; k++) if (values[r * outputs + k] > values[r * outputs + best]) best = k;
        labels.push(classes[best]);
      }
      return labels;
    },
  };
}
