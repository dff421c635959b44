/**
 * What figures 1 and 2 of bench:drift share: the main dataset (`data/diabetes_prediction_dataset.csv`,
 * target `diabetes`), 20,000 rows held out by the stratified seeded split (`trainTestSplit`, 0.2),
 * and the model `trainModel` trains on the other 80,000 with the product's default options (every
 * candidate, 5 folds; it splits those 80,000 again 64,000/16,000, so the stored drift reference
 * is built from 64,000 rows). Also the request records of every row (numeric-looking cells as
 * numbers, others as text, as a client would send them) for the served-row path.
 */
import { join } from 'node:path';
import { takeFrameRows, type Frame } from '../../shared/automl/data/frame.js';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import type { Table } from '../../shared/automl/data/table.js';
import { trainTestSplit } from '../../shared/automl/evaluation/splits.js';
import { createPredictor, type Predictor } from '../../shared/automl/pipeline/predictor.js';
import type { DriftReference } from '../../shared/automl/statistics/driftReference.js';
import type { FeatureStatistics } from '../../shared/automl/statistics/featureStatistics.js';
import { trainModel, type TrainingResult } from '../../shared/automl/training/trainModel.js';
import { TrainOptionsSchema, type TrainOptionsInput } from '../../shared/automl/training/trainOptions.js';
import { libraryVersions } from '../../shared/platform/libraryVersions.js';
import { systemClock } from '../../shared/platform/systemClock.js';
import { progress } from '../support/context.js';
import { labeledFrame, readText, type LabeledFrame } from '../support/mainDataset.js';
import { seconds } from '../support/timing.js';

export const TARGET = 'diabetes';
export const HELD_OUT_FRACTION = 0.2;

/** A request record: what a client posts to /predict and the prediction log keeps. */
export type ServedRecord = Record<string, string | number>;

export interface DriftDataset extends LabeledFrame {
  readonly table: Table;
  /** Indices into `frame` (labeled rows): the rows the model never sees, and the others. */
  readonly heldOut: Int32Array;
  readonly trainRows: Int32Array;
  /** The request record of each labeled row (same index as `frame`). */
  readonly records: readonly ServedRecord[];
}

export interface DriftModel {
  readonly result: TrainingResult;
  readonly reference: DriftReference;
  readonly statistics: FeatureStatistics;
  readonly predictor: Predictor;
  readonly candidates: readonly string[];
  readonly trainSeconds: number;
  readonly trainRows: number;
}

/** Numeric-looking cells as numbers, others as text (`firstRecord`'s rule in test/support). */
function recordsOf(table: Table, tableRows: Int32Array, features: readonly string[]): ServedRecord[] {
  const index = features.map((name) => table.columns.indexOf(name));
  return Array.from(tableRows, (r) => {
    const record: ServedRecord = {};
    features.forEach((name, f) => {
      const cell = table.cells[index[f]][r];
      const value = Number(cell);
      record[name] = cell.trim() !== '' && Number.isFinite(value) ? value : cell;
    });
    return record;
  });
}

export function loadDriftDataset(root: string, seed: number): DriftDataset {
  const table = parseCsv(readText(join(root, 'data/diabetes_prediction_dataset.csv')));
  const labeled = labeledFrame(table, TARGET);
  const split = trainTestSplit(labeled.y, labeled.schema.target.task, HELD_OUT_FRACTION, seed);
  const records = recordsOf(table, labeled.tableRow, labeled.schema.features.map((f) => f.name));
  progress(`main dataset: ${table.nRows} rows, ${split.train.length} for training, ${split.test.length} held out`);
  return { table, ...labeled, heldOut: Int32Array.from(split.test), trainRows: Int32Array.from(split.train), records };
}

/** The table rows `rows` (indices into the labeled frame) of the dataset's table. */
function tableOf(data: DriftDataset, rows: Int32Array): Table {
  const tableRows = Array.from(rows, (i) => data.tableRow[i]);
  return { columns: data.table.columns, nRows: tableRows.length, cells: data.table.cells.map((column) => tableRows.map((r) => column[r])) };
}

/** trainModel on the training rows with `options` (default: the product's defaults). */
export function trainDriftModel(data: DriftDataset, seed: number, options: TrainOptionsInput = {}): DriftModel {
  const input = { target: TARGET, seed, ...options };
  const candidates = TrainOptionsSchema.parse(input).candidates;
  progress(`trainModel on ${data.trainRows.length} rows, candidates ${candidates.join(', ')}…`);
  const environment = { clock: systemClock, libraryVersions: libraryVersions() };
  const { result, seconds: trainSeconds } = seconds(() => trainModel(tableOf(data, data.trainRows), input, environment));
  progress(
    `trained in ${trainSeconds.toFixed(1)} s: ${result.metrics.candidate}, test ROC AUC ${result.metrics.test.roc_auc?.toFixed(4)}, ` +
      `drift reference of ${result.driftReference.rows} rows`,
  );
  return {
    result,
    reference: result.driftReference,
    statistics: result.featureStatistics,
    predictor: createPredictor(result.pipeline),
    candidates,
    trainSeconds,
    trainRows: data.trainRows.length,
  };
}

/** The labeled-frame rows `rows` as a frame. */
export function frameRows(data: DriftDataset, rows: ArrayLike<number>): Frame {
  return takeFrameRows(data.frame, rows);
}

