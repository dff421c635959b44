import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidDatasetError } from '../shared/automl/errors.js';
import { detectTarget } from '../shared/automl/profile/detectTarget.js';
import { profileDataset } from '../shared/automl/profile/profileDataset.js';
import { headOfData, readData, syntheticBinaryCsv } from './support/datasets.js';

describe('detectTarget', () => {
  it('prefers --target, then a target-like name, then the last column', () => {
    expect(detectTarget(['a', 'label', 'b'], 'a')).toEqual({ name: 'a', rule: 'option' });
    expect(detectTarget(['a', 'Outcome', 'b'])).toEqual({ name: 'Outcome', rule: 'name' });
    expect(detectTarget(['a', 'b', 'c'])).toEqual({ name: 'c', rule: 'last_column' });
  });

  it('names the columns when --target is missing', () => {
    expect(() => detectTarget(['a', 'b'], 'zzz')).toThrow("target column 'zzz' is missing: the columns are a, b");
  });
});

describe('profileDataset', () => {
  it('types the main dataset and finds its target by name', () => {
    const { schema } = profileDataset(parseCsv(readData('diabetes_prediction_dataset.csv')));
    expect(schema.target).toMatchObject({ name: 'diabetes', rule: 'name', task: 'binary', classes: ['0', '1'], positive_class: '1' });
    const types = Object.fromEntries(schema.features.map((f) => [f.name, f.type]));
    expect(types).toEqual({
      gender: 'categorical',
      age: 'numeric',
      hypertension: 'binary',
      heart_disease: 'binary',
      smoking_history: 'categorical',
      bmi: 'numeric',
      HbA1c_level: 'numeric',
      blood_glucose_level: 'numeric',
    });
    const smoking = schema.features.find((f) => f.name === 'smoking_history');
    expect(smoking?.categories).toContain('No Info');
    const bmi = schema.features.find((f) => f.name === 'bmi');
    expect(bmi?.range?.min).toBeGreaterThan(0);
  });

  it('drops constant, ID-like and target-identical columns with a reason', () => {
    const base = syntheticBinaryCsv(200).trim().split('\n');
    const csv = base.map((line, i) => `${line},${i === 0 ? 'leak' : line.split(',').at(-1)}`).join('\n');
    const { schema } = profileDataset(parseCsv(csv), { target: 'label' });
    expect(schema.dropped.map((d) => [d.name, d.reason])).toEqual([
      ['id', 'id_like'],
      ['constant', 'constant'],
      ['leak', 'identical_to_target'],
    ]);
    expect(schema.dropped[0].rule).toBe('monotonic'); // row-0, row-1, ... in natural order
    expect(schema.features.map((f) => f.name)).toEqual(['x1', 'x2', 'color']);
    expect(schema.features.find((f) => f.name === 'x2')?.missing).toBeGreaterThan(0);
    expect(schema.target).toMatchObject({ task: 'binary', classes: ['no', 'yes'], positive_class: 'yes' });
  });

  it('infers multiclass and regression targets', () => {
    const multi = profileDataset(parseCsv('x,y\n1,a\n2,b\n3,c\n4,a\n'));
    expect(multi.schema.target.task).toBe('multiclass');
    const regression = profileDataset(parseCsv(headOfData('diabetes_sklearn.csv', 100)));
    expect(regression.schema.target).toMatchObject({ name: 'target', rule: 'name', task: 'regression' });
    expect(regression.schema.features.find((f) => f.name === 'sex')?.type).toBe('binary');
  });

  it('treats low-cardinality integers as categorical and "1.0" as "1"', () => {
    const csv = ['n,flag,y', ...Array.from({ length: 40 }, (_, i) => `${i % 4},${i % 2 ? '1.0' : '0'},${i % 2}`)].join('\n');
    const { schema } = profileDataset(parseCsv(csv), { target: 'y' });
    expect(schema.features.find((f) => f.name === 'n')).toMatchObject({ type: 'categorical', categories: ['0', '1', '2', '3'] });
  });

  it.each([
    ['x,y\n1,\n2,\n', "target column 'y' is entirely empty"],
    ['x,y\n1,a\n2,a\n', "target column 'y' has a single class ('a')"],
  ])('rejects a bad target: %j', (csv, message) => {
    expect(() => profileDataset(parseCsv(csv))).toThrow(InvalidDatasetError);
    expect(() => profileDataset(parseCsv(csv))).toThrow(message);
  });
});
