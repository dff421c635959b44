import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import type { Table } from '../shared/automl/data/table.js';
import { createPredictor } from '../shared/automl/pipeline/predictor.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { createRandom, shuffleInPlace } from '../shared/automl/util/random.js';
import { decideOnDrift } from '../shared/decision/driftDecision.js';
import { currentColumns, type ServedRow } from '../shared/drift/check/currentColumns.js';
import { datasetDrift } from '../shared/drift/check/datasetDrift.js';
import type { DriftOptionsInput } from '../shared/drift/check/driftOptions.js';
import { headOfData } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

/**
 * The drift check and the decision end to end on a real model: 2,000 rows of the diabetes
 * dataset, 500 of them held out (seeded), a linear model trained on the other 1,500 (its stored
 * reference: 1,200 training-split rows), windows of served rows (records as a client sends them,
 * the model's probability as the output) checked against that reference and judged alone.
 */
const ROWS = 2_000;
const HELD_OUT = 500;
const NOW = '2025-01-01T12:00:00.000Z';

type ServedRecord = Record<string, string | number>;

const [header, ...lines] = headOfData('diabetes_prediction_dataset.csv', ROWS).trim().split('\n');
const order = shuffleInPlace(Array.from(lines.keys()), createRandom(2024));
const heldOutLines = order.slice(0, HELD_OUT).map((i) => lines[i]);
const trainLines = order.slice(HELD_OUT).map((i) => lines[i]);

const training = trainModel(
  parseCsv(`${[header, ...trainLines].join('\n')}\n`),
  { target: 'diabetes', seed: 7, candidates: ['linear'], cv_folds: 3 },
  testTrainingEnvironment(),
);
const predictor = createPredictor(training.pipeline);
const reference = training.driftReference;
const featureNames = training.schema.features.map((f) => f.name);

/** A held-out line as the request record a client posts: numeric-looking cells as numbers, the label dropped. */
function record(line: string): ServedRecord {
  const names = header.split(',');
  const cells = line.split(',');
  return Object.fromEntries(
    featureNames.map((name) => {
      const cell = cells[names.indexOf(name)];
      return [name, Number.isFinite(Number(cell)) && cell.trim() !== '' ? Number(cell) : cell];
    }),
  );
}
const heldOut = heldOutLines.map(record);

/** `size` held-out records drawn with replacement (seeded). */
function resampled(size: number, seed: number): ServedRecord[] {
  const random = createRandom(seed);
  return Array.from({ length: size }, () => heldOut[Math.floor(random() * heldOut.length)]);
}

/** The records served: predicted by the model, then checked against the stored reference and judged on their own. */
function judge(records: readonly ServedRecord[], options: DriftOptionsInput = {}) {
  const table: Table = { columns: featureNames, nRows: records.length, cells: featureNames.map((name) => records.map((r) => String(r[name]))) };
  const { values } = predictor.predictTable(table);
  const rows: ServedRow[] = records.map((r, i) => ({ record: r, output: values[i] }));
  const result = datasetDrift({ reference: { columns: reference.columns, prediction: reference.prediction }, current: currentColumns(rows, reference) }, options);
  return { result, decision: decideOnDrift(result, { importances: reference.importances, now: NOW, lastRetrainAt: null, previousConsecutive: 0 }) };
}

describe('drift detection on a trained model', () => {
  it('stores a reference of the rows the shipped model trained on (refit: every labeled row), with its outputs and an importance per feature', () => {
    expect(training.metrics.shipped_model?.fit_on).toBe('all_labeled_rows');
    expect(reference.rows).toBe(training.metrics.shipped_model?.rows);
    expect(reference.rows).toBeGreaterThan(1_000); // the distance tests' branch, as in production
    expect(Object.keys(reference.columns)).toEqual(featureNames);
    expect(Object.keys(reference.importances).sort()).toEqual([...featureNames].sort());
    expect(reference.prediction.type).toBe('numeric');
  });

  it('keeps the model on a window resampled from held-out rows', () => {
    const { result, decision } = judge(resampled(1_000, 11));
    expect(decision.action).toBe('keep');
    expect(result.dataset_drift).toBe(false);
    expect(result.prediction_drift?.drift).toBe(false);
  });

  it('retrains on the first window whose HbA1c_level moved by one training std', () => {
    const stats = training.featureStatistics.features.HbA1c_level;
    if (stats.type !== 'numeric') throw new Error('HbA1c_level should be numeric');
    const shifted = resampled(1_000, 11).map((r) => ({ ...r, HbA1c_level: (r.HbA1c_level as number) + stats.std }));
    const { result, decision } = judge(shifted);
    expect(result.columns.HbA1c_level.drift).toBe(true);
    expect(decision.action).toBe('retrain');
    expect(decision.reasons.some((reason) => reason.includes("'HbA1c_level'") || reason.startsWith('prediction drift'))).toBe(true);
  });

  it('says insufficient_data for a window of 50 rows when a check needs 100', () => {
    const { result, decision } = judge(resampled(50, 12), { min_rows: 100 });
    expect(Object.values(result.columns).every((column) => column.status === 'insufficient_data')).toBe(true);
    expect(result.prediction_drift?.status).toBe('insufficient_data');
    expect(decision.action).toBe('insufficient_data');
  });
});
