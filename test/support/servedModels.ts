import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { createRowPredictor } from '../../shared/automl/pipeline/rowPredictor.js';
import { trainModel } from '../../shared/automl/training/trainModel.js';
import type { TrainOptionsInput } from '../../shared/automl/training/trainOptions.js';
import type { ServingModel } from '../../shared/serving/predictRecords.js';
import { firstRecord, headOfData } from './datasets.js';
import { testTrainingEnvironment } from './manualClock.js';

/** The first 2,000 rows of the shipped diabetes dataset: a 0/1 target, text, 0/1-flag and numeric features. */
export const diabetesSlice = (): string => headOfData('diabetes_prediction_dataset.csv', 2000);

/** A valid request record for a model of that dataset (its first row, without the target). */
export const DIABETES_RECORD = firstRecord('diabetes_prediction_dataset.csv');

/** A model trained on `csv` (gradient boosting, 2 folds unless told), as the provider would serve it. */
export function servedModel(
  csv: string,
  version = 'v0003',
  options: TrainOptionsInput = { candidates: ['gradient_boosting'], cv_folds: 2 },
): ServingModel {
  const { pipeline } = trainModel(parseCsv(csv), options, testTrainingEnvironment());
  return { version, pipeline, predictRecord: createRowPredictor(pipeline) };
}

/** A provider that serves `model` until told otherwise (`serve`). */
export function fixedProvider(model: ServingModel) {
  let served = model;
  return { current: async () => served, serve: (next: ServingModel) => void (served = next) };
}
