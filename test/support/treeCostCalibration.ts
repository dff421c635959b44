/**
 * Calibration of the ml-cart cost model (shared/automl/candidates/trees/cartCost.ts): times
 * decision_tree and random_forest fits (CPU seconds, the least of `REPS` runs, so that other
 * processes on the machine count little), fits the model's constants by least squares on the log
 * of the time (coordinate search; the seconds-per-unit factor in closed form), and prints the table
 * of measured against predicted seconds, with the fitted constants and with the shipped ones.
 * Fitted on digits-like data (test/support/digitsLike.ts, well separated classes) and pima
 * (noisy, continuous features: deeper levels keep more work); wine-like and synthetic-binary rows
 * are held out (not used in the fit). Not a test: run it by hand from the repository root,
 *
 *   npx esbuild test/support/treeCostCalibration.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/treeCost.mjs && node /tmp/treeCost.mjs
 *
 * (about three minutes on a 2-core machine).
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { PreparedSplit } from '../../shared/automl/evaluation/preparedSplit.js';
import { trainTestSplit } from '../../shared/automl/evaluation/splits.js';
import type { BinnedMatrix } from '../../shared/automl/matrix.js';
import { CART_COST, SECONDS_PER_UNIT, labelImpurity, treeWork, type CartCostConstants, type TreeShape } from '../../shared/automl/candidates/trees/cartCost.js';
import { decisionTreeCandidate } from '../../shared/automl/candidates/trees/decisionTree.js';
import { randomForestCandidate } from '../../shared/automl/candidates/trees/randomForest.js';
import type { TreeEnsembleJson } from '../../shared/automl/candidates/trees/treeEnsembleModel.js';
import type { Task } from '../../shared/automl/task.js';
import { prepareDataset } from '../../shared/automl/training/prepareDataset.js';
import { syntheticBinaryCsv, wineLikeCsv } from './datasets.js';
import { digitsLikeCsv } from './digitsLike.js';

const REPS = 2;

interface Data {
  readonly X: BinnedMatrix;
  readonly y: Float64Array;
  readonly task: Task;
  readonly nClasses: number;
}

interface Run {
  readonly label: string;
  readonly heldOut: boolean;
  readonly shape: TreeShape;
  readonly rows: number;
  readonly trees: number;
  readonly seconds: number;
}

function encoded(csv: string): Data {
  const { schema, frame, y } = prepareDataset(parseCsv(csv), {});
  const split = new PreparedSplit(frame, y, schema.features, trainTestSplit(y, schema.target.task, 0.02, 1));
  return { X: split.train('binned'), y: split.yTrain, task: schema.target.task, nClasses: schema.target.classes?.length ?? 0 };
}

/** `d` columns spread over the matrix (every (cols/d)-th), so that border and centre pixels mix. */
function columns(data: Data, d: number): Data {
  const pick = Array.from({ length: d }, (_, i) => Math.floor((i * data.X.cols) / d));
  const X = { ...data.X, cols: d, codes: pick.map((f) => data.X.codes[f]), nBins: pick.map((f) => data.X.nBins[f]) };
  return { ...data, X };
}

function cpuSeconds(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let rep = 0; rep < REPS; rep++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

function treeRun(label: string, data: Data, n: number, maxDepth: number, heldOut = false): Run {
  const train = { X: data.X, y: data.y, task: data.task, nClasses: data.nClasses };
  const params = { max_depth: maxDepth, min_samples: 10, max_rows: n, work_budget: 1 };
  let json: TreeEnsembleJson | undefined;
  const seconds = cpuSeconds(() => void (json = decisionTreeCandidate.fit(train, params, { seed: 1 }).toJSON() as TreeEnsembleJson));
  return { label, heldOut, shape: shapeOf(data, data.X.cols, maxDepth, json!), rows: json!.rows_used, trees: 1, seconds };
}

function forestRun(label: string, data: Data, n: number, trees: number, features: number, heldOut = false): Run {
  const train = { X: data.X, y: data.y, task: data.task, nClasses: data.nClasses };
  const params = { n_estimators: trees, max_depth: 10, min_samples: 3, max_features: features / data.X.cols, max_rows: n, work_budget: 1 };
  let json: TreeEnsembleJson | undefined;
  const seconds = cpuSeconds(() => void (json = randomForestCandidate.fit(train, params, { seed: 1 }).toJSON() as TreeEnsembleJson));
  return { label, heldOut, shape: shapeOf(data, json!.plan!.features, 10, json!), rows: json!.rows_used, trees, seconds };
}

function shapeOf(data: Data, features: number, maxDepth: number, json: TreeEnsembleJson): TreeShape {
  // The sample is stratified, so its labels have the impurity of the whole set.
  return { task: json.task, nClasses: data.nClasses, impurity: labelImpurity(data.y, data.task, data.nClasses), features, maxDepth };
}

function measure(): Run[] {
  const runs: Run[] = [];
  for (const k of [2, 5, 10]) {
    const data = encoded(digitsLikeCsv({ classes: k, rows: 1100 }));
    for (const d of [16, 64]) for (const n of [150, 300, 600]) runs.push(treeRun(`tree k=${k} d=${d} n=${n} D=8`, columns(data, d), n, 8));
  }
  const digits = encoded(digitsLikeCsv({ rows: 1100 }));
  for (const D of [0, 1, 2, 4, 6, 10, 14]) runs.push(treeRun(`tree k=10 d=32 n=400 D=${D}`, columns(digits, 32), 400, D));
  const regression: Data = { ...digits, task: 'regression', nClasses: 0, y: Float64Array.from(digits.y, (v, i) => v + (i % 97) / 100) };
  for (const d of [16, 64]) for (const n of [150, 300, 600]) runs.push(treeRun(`tree regression d=${d} n=${n} D=8`, columns(regression, d), n, 8));
  const big = encoded(digitsLikeCsv({ rows: 5200 }));
  const rare: Data = { ...big, task: 'binary', nClasses: 2, y: Float64Array.from(big.y, (v, i) => (v === 0 && i % 10 === 0 ? 1 : 0)) };
  for (const n of [2000, 5000]) runs.push(treeRun(`tree rare-binary d=16 n=${n} D=8`, columns(rare, 16), n, 8));
  runs.push(forestRun('forest k=10 d=64 T=10 f=45 n=100', digits, 100, 10, 45));
  runs.push(forestRun('forest k=10 d=64 T=30 f=8 n=110', digits, 110, 30, 8));
  runs.push(forestRun('forest k=10 d=64 T=5 f=16 n=300', digits, 300, 5, 16));
  runs.push(forestRun('forest regression d=64 T=5 f=32 n=300', regression, 300, 5, 32));
  const pima = encoded(readFileSync('data/pima_indians_diabetes.csv', 'utf8'));
  for (const n of [300, 600]) runs.push(treeRun(`pima tree d=8 n=${n} D=8`, pima, n, 8));
  runs.push(forestRun('pima forest T=30 f=6 n=400', pima, 400, 30, 6));
  runs.push(forestRun('pima forest T=10 f=3 n=600', pima, 600, 10, 3));
  const wine = encoded(wineLikeCsv());
  runs.push(treeRun('wine-like tree d=13 n=170 D=8', wine, 170, 8, true));
  runs.push(forestRun('wine-like forest T=30 f=9 n=170', wine, 170, 30, 9, true));
  const binary = encoded(syntheticBinaryCsv(1200));
  runs.push(treeRun('synthetic-binary tree d=3 n=1100 D=8', binary, 1100, 8, true));
  runs.push(forestRun('synthetic-binary forest T=30 f=2 n=800', binary, 800, 30, 2, true));
  return runs;
}

/** Least-squares seconds-per-unit for `constants` (closed form in log space) and the squared log error. */
function score(runs: readonly Run[], constants: CartCostConstants): { secondsPerUnit: number; error: number } {
  const logs = runs.map((r) => Math.log(r.seconds) - Math.log(treeWork(r.shape, r.rows, r.trees, constants)));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return { secondsPerUnit: Math.exp(mean), error: logs.reduce((a, l) => a + (l - mean) ** 2, 0) };
}

function fit(runs: readonly Run[]): CartCostConstants {
  let best: CartCostConstants = { ...CART_COST };
  const keys: (keyof CartCostConstants)[] = ['gamma', 'gammaRegression', 'rho', 'sigma'];
  for (let round = 0; round < 6; round++) {
    for (const key of keys) {
      for (let step = -20; step <= 20; step++) {
        const value = key === 'rho' ? Math.min(0.95, Math.max(0.05, best.rho + step * 0.01)) : best[key] * 2 ** (step / 10);
        const trial = { ...best, [key]: value };
        if (score(runs, trial).error < score(runs, best).error) best = trial;
      }
    }
  }
  return best;
}

const runs = measure();
const fitted = fit(runs.filter((r) => !r.heldOut));
const { secondsPerUnit } = score(runs.filter((r) => !r.heldOut), fitted);
const round = (v: number, digits = 3) => Number(v.toPrecision(digits));
console.log('fitted constants', { gamma: round(fitted.gamma), gammaRegression: round(fitted.gammaRegression), rho: round(fitted.rho, 2), sigma: round(fitted.sigma), secondsPerUnit: round(secondsPerUnit) });
console.log('shipped constants', { ...CART_COST, secondsPerUnit: SECONDS_PER_UNIT });
console.log('| run | rows | measured CPU s | predicted (fitted) | predicted (shipped) | shipped / measured |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of runs) {
  const fittedS = treeWork(r.shape, r.rows, r.trees, fitted) * secondsPerUnit;
  const shippedS = treeWork(r.shape, r.rows, r.trees) * SECONDS_PER_UNIT;
  console.log(`| ${r.label}${r.heldOut ? ' (held out)' : ''} | ${r.rows} | ${r.seconds.toFixed(3)} | ${fittedS.toFixed(3)} | ${shippedS.toFixed(3)} | ${(shippedS / r.seconds).toFixed(2)} |`);
}
