import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { takeTableRows } from '../shared/automl/data/table.js';
import { r2Score } from '../shared/automl/metrics/index.js';
import { createPredictor } from '../shared/automl/pipeline/predictor.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { dataPath, readData } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

const table = parseCsv(readData('diabetes_sklearn.csv'));
const { kfold } = JSON.parse(readFileSync(dataPath('diabetes_sklearn_split_indices.json'), 'utf8')) as {
  kfold: { train: number[]; test: number[] }[];
};

/** R² on a fold's held-out rows of the model `alm train` ships from its training rows (all defaults). */
function shippedR2(fold: { train: number[]; test: number[] }, refit: boolean): { r2: number; candidate: string } {
  const result = trainModel(takeTableRows(table, fold.train), { target: 'target', refit }, testTrainingEnvironment());
  const heldOut = takeTableRows(table, fold.test);
  const y = Float64Array.from(heldOut.cells[heldOut.columns.indexOf('target')], Number);
  return { r2: r2Score(y, createPredictor(result.pipeline).predictTable(heldOut).values), candidate: result.metrics.candidate };
}

describe("scikit-learn's diabetes regression on the 5 reference folds (KFold(5, shuffle, 42))", () => {
  it('the model alm train ships on each training fold scores a mean R² ≥ 0.478 on the held-out fold (LinearRegression: 0.4785)', () => {
    const shipped = kfold.map((fold) => shippedR2(fold, true));
    const mean = shipped.reduce((s, f) => s + f.r2, 0) / shipped.length;
    console.log(`shipped (refit): ${shipped.map((f) => `${f.candidate} ${f.r2.toFixed(4)}`).join(', ')}; mean R² ${mean.toFixed(4)}`);
    expect(mean).toBeGreaterThanOrEqual(0.478);
  });
});
