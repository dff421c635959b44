/**
 * The current data of figure 3: N rows resampled with replacement (seeded) from the whole main
 * dataset (its 100,000 labeled rows), as in-memory columns (the 8 features as `Frame` columns plus
 * the model's positive-class probability) and as prediction-log NDJSON lines
 * `{"record":{…},"prediction":0|1,"probability":p}`, one per row, for the end-to-end path.
 */
import type { FrameColumn } from '../../shared/automl/data/frame.js';
import { createRandom, range } from '../../shared/automl/util/random.js';
import { frameRows, type DriftDataset, type DriftModel } from './driftModel.js';
import { resample } from './windows.js';

export interface CurrentData {
  readonly rows: number;
  readonly columns: Record<string, FrameColumn>;
  readonly prediction: FrameColumn;
  /** The same rows as prediction-log lines. */
  readonly lines: readonly string[];
}

export function currentData(data: DriftDataset, model: DriftModel, rows: number, seed: number): CurrentData {
  const indices = resample(range(data.frame.nRows), rows, createRandom(seed));
  const frame = frameRows(data, indices);
  const columns: Record<string, FrameColumn> = {};
  data.schema.features.forEach((feature, f) => (columns[feature.name] = frame.columns[f]));
  const { values } = model.predictor.predictFrame(frame);
  const threshold = model.result.pipeline.threshold ?? 0.5;
  const classes = (model.result.pipeline.target.classes ?? ['0', '1']).map((c) => (Number.isFinite(Number(c)) ? Number(c) : c));
  const lines = Array.from(indices, (r, i) =>
    JSON.stringify({ record: data.records[r], prediction: classes[values[i] >= threshold ? 1 : 0], probability: values[i] }),
  );
  return { rows, columns, prediction: { kind: 'numeric', values }, lines };
}
