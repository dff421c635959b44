/**
 * Figures 4b and 4c: throughput of batch prediction with the gradient boosting model of
 * `servingModel` over the main dataset's 20,000 test rows, in rows/s, best of 5 runs each after 5
 * untimed ones (the peer's best of 5 has no JIT to warm). The rows are the test CSV as a client
 * would send it, parsed into a table (as the peer reads it with pandas; without that file, the
 * test rows of the parsed dataset):
 * 4b `createPredictor(pipeline).predictFrame(frame)` (binning of the raw columns included), 4c the
 * model's `predict` on the already binned matrix (the trees alone). The test ROC AUC of 4b's
 * predictions is printed as a check against 1a. Target ≥ 2 M rows/s for both.
 * Peers measured in this run by lightgbm_peer.py (LightGBM of 100 trees fitted on the training
 * split): 4b vs the scikit-learn pipeline's predict_proba (its preprocessing included), 4c vs the
 * fitted LGBMClassifier's predict_proba on the transformed matrix; without that run, 4b's peer is
 * reference.json's figure.
 */
import { gradientBoostingCandidate } from '../../shared/automl/candidates/gradientBoosting/index.js';
import { frameFromTable, takeFrameRows, type Frame } from '../../shared/automl/data/frame.js';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { takeValues } from '../../shared/automl/matrix.js';
import { rocAuc } from '../../shared/automl/metrics/index.js';
import type { Pipeline } from '../../shared/automl/pipeline/pipeline.js';
import { createPredictor } from '../../shared/automl/pipeline/predictor.js';
import { encodeBinned } from '../../shared/automl/preprocess/encodeBinned.js';
import { atLeast, fmtRate, type Figure, type FigureRows, type PeerValue } from '../report.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import type { LightgbmPeerRun } from '../support/lightgbmPeer.js';
import { readText, type MainDataset } from '../support/mainDataset.js';
import { LIGHTGBM_REFERENCE, refPeer } from '../support/peers.js';
import type { ServingModel } from '../support/servingModel.js';
import { seconds } from '../support/timing.js';

const BATCH_REPEATS = 5;
/** Untimed runs first, so the figures are of compiled code (as 4a warms up too). */
const BATCH_WARMUP = 5;
const TARGET = atLeast(2e6, '≥ 2 M rows/s');

/** Rows per second of `predict` over `rows` rows, best of BATCH_REPEATS after BATCH_WARMUP; the last output is returned too. */
function bestRate(rows: number, predict: () => Float64Array): { rate: number; values: Float64Array } {
  for (let rep = 0; rep < BATCH_WARMUP; rep++) predict();
  let best = Number.POSITIVE_INFINITY;
  let values: Float64Array = new Float64Array(0);
  for (let rep = 0; rep < BATCH_REPEATS; rep++) {
    const run = seconds(predict);
    best = Math.min(best, run.seconds);
    values = run.result;
  }
  return { rate: rows / best, values };
}

/** The test rows: parsed from `testCsv` (its rows are the test split, in order), or taken from the dataset's table. */
function testFrame(main: MainDataset, pipeline: Pipeline, testCsv: string | undefined): Frame {
  if (testCsv) return frameFromTable(parseCsv(readText(testCsv)), pipeline.features);
  const rows = Array.from(main.split.test, (i) => main.tableRow[i]);
  return takeFrameRows(frameFromTable(main.table, pipeline.features), rows);
}

/** 4b and 4c, rows/s. */
function batchRates(main: MainDataset, pipeline: Pipeline, testCsv: string | undefined): { frame: number; model: number } {
  const frame = testFrame(main, pipeline, testCsv);
  const predictor = createPredictor(pipeline);
  const viaFrame = bestRate(frame.nRows, () => predictor.predictFrame(frame).values);
  progress(`batch predictions: test ROC AUC ${rocAuc(takeValues(main.y, main.split.test), viaFrame.values).toFixed(4)} (a check against 1a)`);
  const model = gradientBoostingCandidate.fromJSON(pipeline.model);
  const X = encodeBinned(pipeline.preprocessor, frame);
  const viaModel = bestRate(frame.nRows, () => model.predict(X));
  return { frame: viaFrame.rate, model: viaModel.rate };
}

const measured = (value: number | undefined): PeerValue | undefined => (value === undefined ? undefined : { value, from: 'run' });

/** `serving` undefined (no model to time, a failure recorded upstream): the figures read "failed". */
export function batchThroughput(
  { reference }: BenchContext, serving: ServingModel | undefined, peer: LightgbmPeerRun | undefined, testCsv: string | undefined,
): FigureRows {
  const log = new FailureLog();
  const rates =
    serving &&
    log.attempt('prediction speed, batch', () => {
      const value = batchRates(serving.main, serving.pipeline, testCsv);
      progress(`batch: predictFrame ${fmtRate(value.frame)}, model.predict on binned rows ${fmtRate(value.model)}`);
      return value;
    });
  const rows: Figure[] = [
    {
      label: `4b batch predictFrame (binning included), 20,000 test rows, best of ${BATCH_REPEATS} after ${BATCH_WARMUP} vs LightGBM pipeline`,
      ours: rates?.frame,
      peer: measured(peer?.batch_rows_per_s) ?? refPeer(reference, ...LIGHTGBM_REFERENCE, 'batch_rows_per_s'),
      format: fmtRate,
      target: TARGET,
    },
    {
      label: '4c   model.predict on the binned rows vs LightGBM on the transformed matrix',
      ours: rates?.model,
      peer: measured(peer?.booster_rows_per_s),
      format: fmtRate,
      target: TARGET,
    },
  ];
  return { rows, failures: log.failures };
}
