/**
 * What the predict benchmark sends and serves: the bootstrap CSV (the first 20,000 data rows of
 * the main dataset, so the stack trains a gradient boosting model on its features, the realistic
 * serving path), and the request bodies (one main-dataset record; 100 of them with `age` varied).
 * Measures nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A main-dataset record (the first row of data/diabetes_prediction_dataset.csv, without its label). */
export const RECORD = {
  gender: 'Female',
  age: 80,
  hypertension: 0,
  heart_disease: 1,
  smoking_history: 'never',
  bmi: 25.19,
  HbA1c_level: 6.6,
  blood_glucose_level: 140,
} as const;

export const BATCH_SIZE = 100;

/** `POST /predict` bodies: one record, and `{records: [...]}` of 100 with ages 1..100 cycling from 20. */
export const BODIES = {
  one: JSON.stringify(RECORD),
  batch: JSON.stringify({ records: Array.from({ length: BATCH_SIZE }, (_, i) => ({ ...RECORD, age: 20 + (i % 61) + i / 100 })) }),
} as const;

/** Writes the header and the first `rows` data rows of `source` to `dir/bootstrap.csv`; returns its path. */
export function writeBootstrapCsv(source: string, dir: string, rows = 20_000): string {
  const lines = readFileSync(source, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const path = join(dir, 'bootstrap.csv');
  writeFileSync(path, `${lines.slice(0, rows + 1).join('\n')}\n`);
  return path;
}
