/**
 * Figure 4a: latency of one record through `createRowPredictor` (the serving path) with the
 * gradient boosting model of `servingModel`: the main dataset's test rows as plain JSON-like
 * records, 5,000 warm-up calls, then the median µs of 50,000 calls, each timed alone. Target
 * ≤ 50 µs; peer from reference.json (LightGBM through a scikit-learn Pipeline, one row).
 */
import { createRowPredictor, type FeatureRecord } from '../../shared/automl/pipeline/rowPredictor.js';
import type { Pipeline } from '../../shared/automl/pipeline/pipeline.js';
import { atMost, fmtMicros, type FigureRows } from '../report.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import type { MainDataset } from '../support/mainDataset.js';
import { LIGHTGBM_REFERENCE, jsonNumber } from '../support/peers.js';
import type { ServingModel } from '../support/servingModel.js';
import { median } from '../support/timing.js';

const ROW_CALLS = 50_000;
const ROW_WARMUP_CALLS = 5_000;

/** A cell as a JSON client would send it: a number when it reads as one, else the text. */
function recordValue(cell: string): string | number {
  const trimmed = cell.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : cell;
}

/** The test rows as plain records, e.g. `{gender: 'Female', age: 80, …, blood_glucose_level: 140}`. */
function testRecords(main: MainDataset, pipeline: Pipeline): FeatureRecord[] {
  const columns = pipeline.features.map((f) => main.table.cells[main.table.columns.indexOf(f.name)]);
  return Array.from(main.split.test, (i) => {
    const row = main.tableRow[i];
    return Object.fromEntries(pipeline.features.map((f, c) => [f.name, recordValue(columns[c][row])]));
  });
}

/** Median µs of one `predict(record)` call, each call timed alone, after a warm-up. */
function medianRowMicros(predict: (record: FeatureRecord) => Float64Array, records: readonly FeatureRecord[]): number {
  let sink = 0;
  for (let i = 0; i < ROW_WARMUP_CALLS; i++) sink += predict(records[i % records.length])[0];
  const nanos = new Float64Array(ROW_CALLS);
  for (let i = 0; i < ROW_CALLS; i++) {
    const record = records[i % records.length];
    const start = process.hrtime.bigint();
    const out = predict(record);
    nanos[i] = Number(process.hrtime.bigint() - start);
    sink += out[0];
  }
  if (!Number.isFinite(sink)) throw new Error('one-record predictions are not finite');
  return median(nanos) / 1000;
}

/** `serving` undefined (no model to time, a failure recorded upstream): the figure reads "failed". */
export function rowPredictorLatency({ reference }: BenchContext, serving: ServingModel | undefined): FigureRows {
  const log = new FailureLog();
  const micros =
    serving &&
    log.attempt('prediction speed, one record', () => {
      const value = medianRowMicros(createRowPredictor(serving.pipeline), testRecords(serving.main, serving.pipeline));
      progress(`one record: median ${value.toFixed(2)} µs`);
      return value;
    });
  const oneRowMs = jsonNumber(reference, ...LIGHTGBM_REFERENCE, 'predict_1row_ms');
  const from = micros !== undefined && serving ? ` (${serving.source})` : '';
  const row = {
    label: `4a one-record predict, median of ${ROW_CALLS.toLocaleString('en-US')} calls${from} vs LightGBM`,
    ours: micros,
    peer: oneRowMs === undefined ? undefined : ({ value: oneRowMs * 1000, from: 'ref' } as const),
    format: fmtMicros,
    target: atMost(50, '≤ 50 µs'),
  };
  return { rows: [row], failures: log.failures };
}
