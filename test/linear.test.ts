import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionsError, ModelArtifactError } from '../shared/automl/errors.js';
import type { DenseMatrix } from '../shared/automl/matrix.js';
import { takeDenseRows, takeValues } from '../shared/automl/matrix.js';
import { createRandom } from '../shared/automl/util/random.js';
import type { Task } from '../shared/automl/task.js';
import {
  fitBinaryLogistic,
  fitLeastSquares,
  fitMultinomialLogistic,
  linearCandidate,
} from '../shared/automl/candidates/linear/index.js';
import { binaryLogisticObjective } from '../shared/automl/candidates/linear/binaryLogistic.js';
import type { LinearModel, LinearParams } from '../shared/automl/candidates/linear/index.js';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const context = { seed: 7 };

/** A numeric CSV with a header, split into a dense feature matrix and the `target` column. */
function readNumericCsv(name: string): { X: DenseMatrix; y: Float64Array } {
  const lines = readFileSync(dataDir + name, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const targetCol = header.indexOf('target');
  const cols = header.length - 1;
  const rows = lines.length - 1;
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const cells = lines[i + 1].split(',').map(Number);
    let c = 0;
    cells.forEach((v, j) => {
      if (j === targetCol) y[i] = v;
      else data[i * cols + c++] = v;
    });
  }
  return { X: { rows, cols, data }, y };
}

/** Standardizes with the mean and population std (ddof 0) of `fitOn`, as the pipeline does. */
function standardizer(fitOn: DenseMatrix): (X: DenseMatrix) => DenseMatrix {
  const { rows, cols, data } = fitOn;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j] / rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) std[j] += (data[i * cols + j] - mean[j]) ** 2 / rows;
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j]);
  return (X) => {
    const out = new Float64Array(X.data.length);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < cols; j++) out[i * cols + j] = (X.data[i * cols + j] - mean[j]) / std[j];
    }
    return { rows: X.rows, cols, data: out };
  };
}

function r2(y: Float64Array, pred: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - pred[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

function fit(X: DenseMatrix, y: Float64Array, task: Task, params: LinearParams, nClasses = task === 'binary' ? 2 : 0) {
  return linearCandidate.fit({ X, y, task, nClasses }, params, context);
}

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol) {
      throw new Error(`index ${i}: ${actual[i]} differs from ${expected[i]} by more than ${tol}`);
    }
  }
}

function roundTrip<T extends { toJSON(): Record<string, unknown> }>(model: T) {
  return linearCandidate.fromJSON(JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>);
}

const diabetes = readNumericCsv('diabetes_sklearn.csv');
const folds = (
  JSON.parse(readFileSync(dataDir + 'diabetes_sklearn_split_indices.json', 'utf8')) as {
    kfold: { train: number[]; test: number[] }[];
  }
).kfold;

/** The diabetes regression target cut into 3 classes: < 100, < 200, ≥ 200 (147/168/127 rows). */
const diabetesClasses = diabetes.y.map((t) => (t < 100 ? 0 : t < 200 ? 1 : 2));

describe('linear candidate: interface', () => {
  it('is the dense linear candidate for every task', () => {
    expect(linearCandidate.name).toBe('linear');
    expect(linearCandidate.encoding).toBe('dense');
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      expect(linearCandidate.supports(task)).toBe(true);
    }
    expect(linearCandidate.paramSets('regression')).toEqual([{ kind: 'ols' }, { kind: 'ridge', alpha: 1 }]);
    expect(linearCandidate.paramSets('binary')).toEqual([{ kind: 'logistic', C: 1 }]);
    expect(linearCandidate.paramSets('multiclass')).toEqual([{ kind: 'logistic', C: 1 }]);
  });

  it('rejects params that do not fit the task, and malformed data', () => {
    const X: DenseMatrix = { rows: 3, cols: 1, data: Float64Array.of(0, 1, 2) };
    expect(() => fit(X, Float64Array.of(0, 1, 0), 'binary', { kind: 'ols' })).toThrow(InvalidOptionsError);
    expect(() => fit(X, Float64Array.of(0, 1, 2), 'regression', { kind: 'logistic', C: 1 })).toThrow(InvalidOptionsError);
    expect(() => fit(X, Float64Array.of(0, 1, 2), 'regression', { kind: 'ridge', alpha: -1 })).toThrow(InvalidOptionsError);
    expect(() => fit(X, Float64Array.of(0, 1, 2), 'binary', { kind: 'logistic', C: 1 })).toThrow(InvalidInputError);
    expect(() => fit(X, Float64Array.of(0, 1, 3), 'multiclass', { kind: 'logistic', C: 1 }, 3)).toThrow(InvalidInputError);
    expect(() => fit(X, Float64Array.of(0, 1), 'regression', { kind: 'ols' })).toThrow(InvalidInputError);
    const withNaN: DenseMatrix = { rows: 3, cols: 1, data: Float64Array.of(0, Number.NaN, 2) };
    expect(() => fit(withNaN, Float64Array.of(0, 1, 2), 'regression', { kind: 'ols' })).toThrow(InvalidInputError);
    const model = fit(X, Float64Array.of(0, 1, 2), 'regression', { kind: 'ols' });
    expect(() => model.predict({ rows: 1, cols: 2, data: Float64Array.of(1, 2) })).toThrow(InvalidInputError);
  });
});

describe('linear candidate: least squares', () => {
  it('reproduces scikit-learn LinearRegression and Ridge(alpha=1) CV R² on diabetes', () => {
    // References: scikit-learn on the KFold(5, shuffle=True, random_state=42) folds of the JSON file;
    // features standardized with each training fold's mean and population std.
    const scores = { ols: [] as number[], ridge: [] as number[] };
    for (const fold of folds) {
      const Xtrain = takeDenseRows(diabetes.X, fold.train);
      const scale = standardizer(Xtrain);
      const Xtest = scale(takeDenseRows(diabetes.X, fold.test));
      const ytrain = takeValues(diabetes.y, fold.train);
      const ytest = takeValues(diabetes.y, fold.test);
      for (const params of linearCandidate.paramSets('regression')) {
        const model = fit(scale(Xtrain), ytrain, 'regression', params);
        scores[params.kind as 'ols' | 'ridge'].push(r2(ytest, model.predict(Xtest)));
      }
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(scores.ols[0] - 0.45260276)).toBeLessThan(1e-6);
    expect(Math.abs(mean(scores.ols) - 0.4784703)).toBeLessThan(1e-6);
    expect(Math.abs(scores.ridge[0] - 0.45414652)).toBeLessThan(1e-6);
    expect(Math.abs(mean(scores.ridge) - 0.47907195)).toBeLessThan(1e-6);
  });

  it('matches numpy least squares on the raw (unscaled) 442 diabetes rows', () => {
    // numpy.linalg.lstsq(np.c_[X, ones], y) on diabetes_sklearn.csv.
    const expected = [
      -0.036361224223630265, -22.85964809049842, 5.602962091923681, 1.1168079933181856, -1.0899963340632295,
      0.7464504555142166, 0.3720047150891398, 6.533831935990305, 68.48312496478817, 0.28011698932150486,
    ];
    const { coef, intercept } = fitLeastSquares(diabetes.X, diabetes.y, 0);
    for (let j = 0; j < expected.length; j++) expect(coef[j]).toBeCloseTo(expected[j], 6);
    expect(intercept).toBeCloseTo(-334.56713851878646, 5);
  });

  it('handles collinear one-hot columns (singular XᵀX) with the minimum-norm OLS solution', () => {
    // x0 numeric, then a complete one-hot block of 3 levels (sums to 1: collinear with the intercept),
    // then a duplicate of x0.
    const random = createRandom(11);
    const n = 60;
    const data = new Float64Array(n * 5);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x0 = random() * 2 - 1;
      const level = i % 3;
      data.set([x0, level === 0 ? 1 : 0, level === 1 ? 1 : 0, level === 2 ? 1 : 0, x0], i * 5);
      y[i] = 3 * x0 + [1, -2, 0.5][level] + 0.01 * (random() - 0.5);
    }
    const X = { rows: n, cols: 5, data };
    const model = fit(X, y, 'regression', { kind: 'ols' }) as LinearModel;
    const coef = model.coef;
    expect(coef.every(Number.isFinite)).toBe(true);
    // The duplicated column shares its weight equally; the one-hot weights sum to 0 (min norm).
    expect(coef[0]).toBeCloseTo(coef[4], 8);
    expect(coef[0] + coef[4]).toBeCloseTo(3, 2);
    expect(coef[1] + coef[2] + coef[3]).toBeCloseTo(0, 8);
    expect(coef[1] - coef[2]).toBeCloseTo(3, 2);
    // Ridge on the same data is well posed too.
    expect(() => fit(X, y, 'regression', { kind: 'ridge', alpha: 1 })).not.toThrow();
  });
});

describe('linear candidate: logistic regression', () => {
  const pima = readNumericCsv('pima_indians_diabetes.csv');
  const pimaX = standardizer(pima.X)(pima.X);

  it('matches scikit-learn LogisticRegression(C=1) on standardized Pima', () => {
    // scikit-learn 1.9.1: LogisticRegression(C=1.0, tol=1e-12, max_iter=100000, solver='newton-cholesky')
    // fit on all 768 rows of pima_indians_diabetes.csv, features standardized (population std).
    const coef = [
      0.408639949272, 1.107113146171, -0.250886536079, 0.009064949238, -0.130837456535, 0.696313275963,
      0.308830206081, 0.176510545462,
    ];
    const intercept = -0.8667759173154768;
    for (const solver of ['auto', 'newton', 'lbfgs'] as const) {
      const result = fitBinaryLogistic(pimaX, pima.y, 1, solver);
      expect(result.converged).toBe(true);
      expectAllClose(result.coef, coef, 1e-4);
      expect(Math.abs(result.intercept - intercept)).toBeLessThan(1e-4);
    }
    const model = fit(pimaX, pima.y, 'binary', { kind: 'logistic', C: 1 });
    const json = model.toJSON() as { coef: number[]; intercept: number };
    expectAllClose(json.coef, coef, 1e-6);
    expect(Math.abs(json.intercept - intercept)).toBeLessThan(1e-6);
    const proba = model.predict(pimaX);
    expect(proba.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('stays bounded on separable data', () => {
    const n = 200;
    const data = new Float64Array(n * 2);
    const y = new Float64Array(n);
    const random = createRandom(3);
    for (let i = 0; i < n; i++) {
      const x = random() * 2 - 1;
      data[i * 2] = x;
      data[i * 2 + 1] = random() - 0.5;
      y[i] = x > 0 ? 1 : 0;
    }
    const result = fitBinaryLogistic({ rows: n, cols: 2, data }, y, 1);
    expect(result.converged).toBe(true);
    expect(result.coef.every(Number.isFinite)).toBe(true);
    expect(result.coef[0]).toBeGreaterThan(3);
    expect(result.coef[0]).toBeLessThan(100);
  });

  it('matches scikit-learn multinomial LogisticRegression(C=1) on a 3-class diabetes target', () => {
    // scikit-learn 1.9.1: LogisticRegression(C=1.0, tol=1e-12, max_iter=100000, solver='newton-cholesky')
    // on diabetes_sklearn.csv, features standardized (population std), y = target < 100 ? 0 : < 200 ? 1 : 2.
    const coef = [
      [0.02964454925, 0.28058535094, -0.496423615245, -0.415728413214, -0.07471046055, 0.15224338997, 0.460610791795,
        0.03653075872, -0.687070836928, -0.056960134765],
      [0.067079153936, -0.024611794766, -0.124439361763, -0.069135254791, 0.346090906538, -0.241972972294,
        -0.287517206435, -0.153692738615, -0.092913544994, 0.011655806012],
      [-0.096723703187, -0.255973556173, 0.620862977008, 0.484863668005, -0.271380445988, 0.089729582324,
        -0.17309358536, 0.117161979895, 0.779984381922, 0.045304328753],
    ];
    const intercept = [-0.124266658649, 0.561852643273, -0.437585984624];
    const probaFirstRows = [
      0.059247041554, 0.375425263727, 0.56532769472, 0.817759314518, 0.175619695128, 0.006620990354, 0.173005984705,
      0.536629951202, 0.290364064093,
    ];
    const X = standardizer(diabetes.X)(diabetes.X);
    for (const solver of ['auto', 'newton', 'lbfgs'] as const) {
      const result = fitMultinomialLogistic(X, diabetesClasses, 3, 1, solver);
      expect(result.converged).toBe(true);
      expectAllClose(result.coef, coef.flat(), 1e-4);
      expectAllClose(result.intercept, intercept, 1e-4);
    }
    const model = fit(X, diabetesClasses, 'multiclass', { kind: 'logistic', C: 1 }, 3);
    const json = model.toJSON() as { coef: number[][]; intercept: number[] };
    expectAllClose(json.coef.flat(), coef.flat(), 1e-6);
    expectAllClose(json.intercept, intercept, 1e-6);
    const proba = model.predict(X);
    expect(proba.length).toBe(X.rows * 3);
    expectAllClose(proba.subarray(0, 9), probaFirstRows, 1e-6);
    for (let i = 0; i < X.rows; i++) expect(proba[i * 3] + proba[i * 3 + 1] + proba[i * 3 + 2]).toBeCloseTo(1, 12);
  });

  it('learns a separable 3-class problem, also with a class absent from training', () => {
    const random = createRandom(5);
    const centers = [
      [3, 0],
      [-3, 3],
      [-3, -3],
    ];
    const n = 300;
    const data = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      data[i * 2] = centers[c][0] + random() - 0.5;
      data[i * 2 + 1] = centers[c][1] + random() - 0.5;
      y[i] = c;
    }
    const X = { rows: n, cols: 2, data };
    const model = fit(X, y, 'multiclass', { kind: 'logistic', C: 1 }, 3);
    const proba = model.predict(X);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let a = 1; a < 3; a++) if (proba[i * 3 + a] > proba[i * 3 + best]) best = a;
      expect(best).toBe(y[i]);
      expect(proba[i * 3 + y[i]]).toBeGreaterThan(0.9);
      expect(proba[i * 3] + proba[i * 3 + 1] + proba[i * 3 + 2]).toBeCloseTo(1, 12);
    }
    // A 4th class never seen in training gets a vanishing probability, without failing.
    const model4 = fit(X, y, 'multiclass', { kind: 'logistic', C: 1 }, 4);
    const proba4 = model4.predict(X);
    for (let i = 0; i < n; i++) expect(proba4[i * 4 + 3]).toBeLessThan(1e-6);
  });

  it('fits 80,000 × 15 binary logistic by Newton to the stationary point L-BFGS also finds, near the generating weights', () => {
    const n = 80_000;
    const p = 15;
    const weights = Array.from({ length: p }, (_, j) => (j % 3 === 0 ? 0.8 : -0.2));
    const bias = -0.3;
    const random = createRandom(42);
    const data = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = bias;
      for (let j = 0; j < p; j++) {
        const v = random() * 3.4 - 1.7;
        data[i * p + j] = v;
        z += weights[j] * v;
      }
      y[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const X = { rows: n, cols: p, data };
    const result = fitBinaryLogistic(X, y, 1);
    // One Hessian pass is ≈ 1.1e7 multiply-adds, within the Newton budget; Newton converges in a few steps.
    expect(result.solver).toBe('newton');
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThanOrEqual(10);
    // Stationary: the penalized objective's gradient vanishes at the returned θ (Newton's tolerance 1e-10·n).
    const grad = new Float64Array(p + 1);
    binaryLogisticObjective(X, y, 1).evaluate(Float64Array.of(...result.coef, result.intercept), grad, null);
    expect(Math.max(...grad.map(Math.abs))).toBeLessThanOrEqual(1e-10 * n);
    // The same optimum by the other solver, and close to the weights that generated the labels.
    const reference = fitBinaryLogistic(X, y, 1, 'lbfgs');
    expect(reference.converged).toBe(true);
    expectAllClose(result.coef, reference.coef, 1e-6);
    expect(Math.abs(result.intercept - reference.intercept)).toBeLessThan(1e-6);
    expectAllClose(result.coef, weights, 0.04);
    expect(Math.abs(result.intercept - bias)).toBeLessThan(0.04);
  });
});

describe('linear candidate: model JSON', () => {
  const X = standardizer(diabetes.X)(diabetes.X);
  const binaryY = diabetes.y.map((t) => (t > 140 ? 1 : 0));

  it('round-trips every kind with identical predictions, deterministically', () => {
    const models = [
      fit(X, diabetes.y, 'regression', { kind: 'ols' }),
      fit(X, diabetes.y, 'regression', { kind: 'ridge', alpha: 1 }),
      fit(X, binaryY, 'binary', { kind: 'logistic', C: 1 }),
      fit(X, diabetesClasses, 'multiclass', { kind: 'logistic', C: 1 }, 3),
    ];
    for (const model of models) {
      const restored = roundTrip(model);
      expect(restored.predict(X)).toEqual(model.predict(X));
      expect(restored.toJSON()).toEqual(model.toJSON());
    }
    const again = fit(X, diabetesClasses, 'multiclass', { kind: 'logistic', C: 1 }, 3);
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(models[3].toJSON()));
  });

  it('rejects malformed JSON with ModelArtifactError', () => {
    const regression = fit(X, diabetes.y, 'regression', { kind: 'ridge', alpha: 1 }).toJSON();
    const multiclass = fit(X, diabetesClasses, 'multiclass', { kind: 'logistic', C: 1 }, 3).toJSON();
    const bad: Record<string, unknown>[] = [
      {},
      { ...regression, coef: undefined },
      { ...regression, coef: [1, 2, 3] },
      { ...regression, coef: (regression.coef as number[]).map((v, j) => (j === 0 ? null : v)) },
      { ...regression, intercept: 'x' },
      { ...regression, kind: 'ols' },
      { ...regression, task: 'binary' },
      { ...regression, params: { kind: 'ridge', alpha: -1 } },
      { ...regression, extra: 1 },
      { ...multiclass, nClasses: 4 },
      { ...multiclass, coef: (multiclass.coef as number[][]).map((row) => row.slice(1)) },
      JSON.parse(JSON.stringify({ ...regression, intercept: Number.NaN })) as Record<string, unknown>,
    ];
    for (const json of bad) expect(() => linearCandidate.fromJSON(json)).toThrow(ModelArtifactError);
  });
});
