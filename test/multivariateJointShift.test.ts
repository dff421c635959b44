import { describe, expect, it } from 'vitest';
import { frameFromTable, type Frame } from '../shared/automl/data/frame.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { profileDataset } from '../shared/automl/profile/profileDataset.js';
import { buildDriftReference } from '../shared/automl/statistics/buildDriftReference.js';
import { createRandom, shuffleInPlace } from '../shared/automl/util/random.js';
import { datasetDrift } from '../shared/drift/check/datasetDrift.js';
import { columnsByName } from '../shared/drift/check/referenceFromFrame.js';
import { fitMultivariateReference } from '../shared/automl/statistics/multivariate/fitMultivariateReference.js';
import { multivariateDrift } from '../shared/drift/multivariate/multivariateDrift.js';
import { reversedByRank, swappedBetweenGroups } from '../bench/multivariate/jointShift.js';
import { readData } from './support/datasets.js';

/**
 * The "must show" for multivariate drift, on the main dataset: a seeded sample of 5,000
 * rows, 3,000 of them the reference (profiled, then both references built from them as training
 * builds them: `buildDriftReference` for the univariate check, `fitMultivariateReference`), the
 * other 2,000 the window. Permuting bmi among the window's rows by age keeps every column's
 * values (so every marginal) exactly, and changes how bmi goes with age.
 */
const SAMPLE = 5_000;
const REFERENCE = 3_000;
const SEED = 7;

const [header, ...lines] = readData('diabetes_prediction_dataset.csv').trim().split('\n');
const order = shuffleInPlace(Array.from(lines.keys()), createRandom(2026)).slice(0, SAMPLE);
const csv = (rows: number[]) => parseCsv(`${[header, ...rows.map((i) => lines[i])].join('\n')}\n`);
const referenceTable = csv(order.slice(0, REFERENCE));
const { schema } = profileDataset(referenceTable, { target: 'diabetes' });
const features = schema.features;
const referenceFrame = frameFromTable(referenceTable, features);
const window = frameFromTable(csv(order.slice(REFERENCE)), features);
const driftReference = buildDriftReference({
  frame: referenceFrame,
  features,
  target: schema.target,
  outputs: new Float64Array(referenceFrame.nRows),
  importances: {},
  seed: SEED,
});
const multivariate = fitMultivariateReference(referenceFrame, { features, seed: SEED });
const univariate = (frame: Frame) => datasetDrift({ reference: { columns: driftReference.columns }, current: { columns: columnsByName(frame, features) } });
const age = features.findIndex((f) => f.name === 'age');
const bmi = features.findIndex((f) => f.name === 'bmi');
const sortedValues = (frame: Frame, j: number) => Float64Array.from(frame.columns[j].values as Float64Array).sort();

describe('a joint shift with every marginal unchanged (bmi permuted by age), on the main dataset', () => {
  it('fits on the reference rows: 8 features, some components dropped, more than 65% of the variance kept', () => {
    expect(features.map((f) => f.name)).toEqual(['gender', 'age', 'hypertension', 'heart_disease', 'smoking_history', 'bmi', 'HbA1c_level', 'blood_glucose_level']);
    expect(multivariate.pca.components.length).toBeLessThan(features.length);
    expect(multivariate.pca.explained_variance_ratio.slice(0, multivariate.pca.components.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.65);
  });

  it('sees no drift, multivariate or univariate, in the unchanged window', () => {
    expect(multivariateDrift(multivariate, window).drift).toBe(false);
    const result = univariate(window);
    expect(result.dataset_drift).toBe(false);
    for (const column of Object.values(result.columns)) expect(column.drift).toBe(false);
  });

  it('catches bmi reassigned by reversed age rank by reconstruction error; every univariate test misses it', () => {
    const shifted = reversedByRank(window, bmi, age);
    window.columns.forEach((_, j) => {
      if (window.columns[j].kind === 'numeric') expect(sortedValues(shifted, j)).toEqual(sortedValues(window, j));
    });
    const multi = multivariateDrift(multivariate, shifted);
    expect(multi.drift).toBe(true);
    expect(multi.reconstruction_error).toBeGreaterThan(multi.threshold.upper);
    const before = univariate(window);
    const after = univariate(shifted);
    expect(after.dataset_drift).toBe(false);
    expect(after.number_of_drifted_columns).toBe(0);
    for (const [name, column] of Object.entries(after.columns)) {
      expect(column.drift).toBe(false);
      expect(column.statistic).toBe(before.columns[name].statistic); // the same values: the same statistic
    }
  });

  it('catches bmi swapped between the under-30s and the over-60s the same way', () => {
    const shifted = swappedBetweenGroups(window, bmi, age, 30, 60, SEED);
    expect(sortedValues(shifted, bmi)).toEqual(sortedValues(window, bmi));
    const multi = multivariateDrift(multivariate, shifted);
    expect(multi.reconstruction_error).toBeGreaterThan(multivariateDrift(multivariate, window).reconstruction_error);
    expect(multi.drift).toBe(true);
    expect(univariate(shifted).number_of_drifted_columns).toBe(0);
  });
});
