/**
 * The main dataset (`data/diabetes_prediction_dataset.csv`, target `diabetes`) as `trainModel`
 * sees it: labeled rows only, and the stratified 80/20 split it makes (`trainTestSplit`, the
 * context's seed). Also writes those train and test rows, as their original CSV text, for peer.py
 * (and the training rows repeated, for the fit time at ten times the rows).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv } from '../../shared/automl/data/formatCsv.js';
import { frameFromTable, takeFrameRows, type Frame } from '../../shared/automl/data/frame.js';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import type { Table } from '../../shared/automl/data/table.js';
import { trainTestSplit, type Split } from '../../shared/automl/evaluation/splits.js';
import { takeValues } from '../../shared/automl/matrix.js';
import { profileDataset } from '../../shared/automl/profile/profileDataset.js';
import type { DatasetSchema } from '../../shared/automl/schema/datasetSchema.js';
import { progress, type BenchContext } from './context.js';
import type { SplitFiles } from './peers.js';

export interface LabeledFrame {
  readonly schema: DatasetSchema;
  /** Labeled rows only, as `trainModel` keeps them. */
  readonly frame: Frame;
  readonly y: Float64Array;
  /** Table row of each labeled row. */
  readonly tableRow: Int32Array;
}

export interface MainDataset extends LabeledFrame {
  readonly path: string;
  readonly text: string;
  readonly table: Table;
  /** Indices into `frame` / `y`: the outer split `trainModel` makes. */
  readonly split: Split;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Profiles a table and keeps its labeled rows, as `trainModel` does. */
export function labeledFrame(table: Table, target: string): LabeledFrame {
  const { schema, y: yAll } = profileDataset(table, { target });
  const tableRow = Int32Array.from(yAll.keys()).filter((i) => !Number.isNaN(yAll[i]));
  const frame = takeFrameRows(frameFromTable(table, schema.features), tableRow);
  return { schema, frame, y: takeValues(yAll, tableRow), tableRow };
}

export function loadMainDataset({ root, seed }: BenchContext): MainDataset {
  const path = join(root, 'data/diabetes_prediction_dataset.csv');
  const text = readText(path);
  const table = parseCsv(text);
  const labeled = labeledFrame(table, 'diabetes');
  const split = trainTestSplit(labeled.y, labeled.schema.target.task, 0.2, seed);
  progress(`main dataset: ${table.nRows} rows, ${split.train.length} train / ${split.test.length} test`);
  return { path, text, table, ...labeled, split };
}

/**
 * A writer of CSV text for table rows: the original lines when lines and data rows match one to
 * one (no quoted line breaks), else the parsed cells re-formatted.
 */
function csvWriter(text: string, table: Table): (tableRows: ArrayLike<number>) => string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === table.nRows + 1) return (rows) => `${[lines[0], ...Array.from(rows, (r) => lines[r + 1])].join('\n')}\n`;
  progress('CSV lines are not one per row: writing the parsed cells re-formatted');
  return (rows) => formatCsv(table.columns, Array.from(rows, (r) => table.cells.map((column) => column[r])));
}

/** The training split repeated `times` times (row order: the whole split, then again). */
export function replicatedSplit(main: MainDataset, times: number): Split {
  const train = new Int32Array(main.split.train.length * times);
  for (let k = 0; k < times; k++) train.set(main.split.train, k * main.split.train.length);
  return { train, test: main.split.test };
}

/** Writes the rows of `replicatedSplit(main, times)`'s training side to `dir`/train-x<times>.csv. */
export function writeReplicatedTrainFile(main: MainDataset, dir: string, times: number): string {
  const path = join(dir, `train-x${times}.csv`);
  writeFileSync(path, csvWriter(main.text, main.table)(replicatedSplit(main, times).train.map((i) => main.tableRow[i])));
  return path;
}

/** Writes the train and test rows to `dir`/train.csv and `dir`/test.csv. */
export function writeSplitFiles(main: MainDataset, dir: string): SplitFiles {
  const toCsv = csvWriter(main.text, main.table);
  const files = { train: join(dir, 'train.csv'), test: join(dir, 'test.csv') };
  writeFileSync(files.train, toCsv(main.split.train.map((i) => main.tableRow[i])));
  writeFileSync(files.test, toCsv(main.split.test.map((i) => main.tableRow[i])));
  return files;
}
