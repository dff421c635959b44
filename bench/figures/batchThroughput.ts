/**
 * Figure 4b: throughput of batch prediction, `createPredictor(pipeline).predictFrame` over the
 * main dataset's 20,000 test rows with the gradient boosting model of `servingModel`, in rows/s,
 * best of 5 runs (the test ROC AUC of those predictions is printed as a check against 1a).
 * Target ≥ 1 M rows/s; peer from reference.json (LightGBM through a scikit-learn Pipeline).
 */
import { frameFromTable, takeFrameRows } from '../../shared/automl/data/frame.js';
import { takeValues } from '../../shared/automl/matrix.js';
import { rocAuc } from '../../shared/automl/metrics/index.js';
import type { Pipeline } from '../../shared/automl/pipeline/pipeline.js';
import { createPredictor } from '../../shared/automl/pipeline/predictor.js';
import { atLeast, fmtRate, type FigureRows } from '../report.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import type { MainDataset } from '../support/mainDataset.js';
import { LIGHTGBM_REFERENCE, refPeer } from '../support/peers.js';
import type { ServingModel } from '../support/servingModel.js';
import { seconds } from '../support/timing.js';

const BATCH_REPEATS = 5;

/** Rows per second of `predictFrame` over the test rows, best of BATCH_REPEATS. */
function batchRowsPerSecond(main: MainDataset, pipeline: Pipeline): number {
  const rows = Array.from(main.split.test, (i) => main.tableRow[i]);
  const frame = takeFrameRows(frameFromTable(main.table, pipeline.features), rows);
  const predictor = createPredictor(pipeline);
  let best = Number.POSITIVE_INFINITY;
  let values: Float64Array = new Float64Array(0);
  for (let rep = 0; rep < BATCH_REPEATS; rep++) {
    const run = seconds(() => predictor.predictFrame(frame));
    best = Math.min(best, run.seconds);
    values = run.result.values;
  }
  progress(`batch predictions: test ROC AUC ${rocAuc(takeValues(main.y, main.split.test), values).toFixed(4)} (a check against 1a)`);
  return frame.nRows / best;
}

/** `serving` undefined (no model to time, a failure recorded upstream): the figure reads "failed". */
export function batchThroughput({ reference }: BenchContext, serving: ServingModel | undefined): FigureRows {
  const log = new FailureLog();
  const rowsPerSecond =
    serving &&
    log.attempt('prediction speed, batch', () => {
      const value = batchRowsPerSecond(serving.main, serving.pipeline);
      progress(`batch: ${fmtRate(value)}`);
      return value;
    });
  const row = {
    label: `4b batch predictFrame, 20,000 test rows, best of ${BATCH_REPEATS} vs LightGBM`,
    ours: rowsPerSecond,
    peer: refPeer(reference, ...LIGHTGBM_REFERENCE, 'batch_rows_per_s'),
    format: fmtRate,
    target: atLeast(1e6, '≥ 1 M rows/s'),
  };
  return { rows: [row], failures: log.failures };
}
