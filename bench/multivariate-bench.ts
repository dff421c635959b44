/**
 * Benchmark of multivariate drift by data reconstruction (`npm run bench:multivariate`). Not a
 * test: it prints figures to stdout, progress to stderr, and exits 0.
 *
 * Setup: the main dataset (`data/diabetes_prediction_dataset.csv`), labeled rows, the stratified
 * seeded 80/20 split (`trainTestSplit`, seed 42); the multivariate reference
 * (`fitMultivariateReference`) and the drift reference (`buildDriftReference`, as training
 * builds it) both fitted on the 80,000 training rows. Windows are resampled with replacement
 * (seeded) from the 20,000 held-out rows, as bench:drift's.
 *
 *   1  fit: time, components kept, explained variance, artifact bytes
 *   2  false alarms: 200 stationary windows of 1,000 rows: multivariate drift, dataset drift;
 *      the time of one check of 100,000 rows
 *   3  joint shifts (multivariate/jointShift.ts) at 1,000 / 10,000 rows: bmi reassigned by
 *      reversed age rank, bmi swapped between age < 30 and age ≥ 60, bmi shuffled; per window the
 *      reconstruction error and band, and every column's univariate statistic, threshold, drift
 *
 * usage: npm run bench:multivariate
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { takeFrameRows, type Frame } from '../shared/automl/data/frame.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { trainTestSplit } from '../shared/automl/evaluation/splits.js';
import { buildDriftReference } from '../shared/automl/statistics/buildDriftReference.js';
import { createRandom } from '../shared/automl/util/random.js';
import { datasetDrift } from '../shared/drift/check/datasetDrift.js';
import { columnsByName } from '../shared/drift/check/referenceFromFrame.js';
import { fitMultivariateReference } from '../shared/automl/statistics/multivariate/fitMultivariateReference.js';
import { multivariateDrift } from '../shared/drift/multivariate/multivariateDrift.js';
import { labeledFrame } from './support/mainDataset.js';
import { reversedByRank, shuffledColumn, swappedBetweenGroups } from './multivariate/jointShift.js';

const SEED = 42;
const WINDOWS = 200;
// dist/bench/multivariate-bench.js → the project folder
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line: string) => process.stderr.write(`[bench:multivariate] ${line}\n`);
const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));

const table = parseCsv(readFileSync(join(root, 'data/diabetes_prediction_dataset.csv'), 'utf8'));
const { schema, frame, y } = labeledFrame(table, 'diabetes');
const split = trainTestSplit(y, schema.target.task, 0.2, SEED);
const features = schema.features;
const reference = takeFrameRows(frame, split.train);
log(`${frame.nRows} labeled rows: ${split.train.length} reference, ${split.test.length} held out`);

let started = performance.now();
const multivariate = fitMultivariateReference(reference, { features, seed: SEED });
const fitSeconds = (performance.now() - started) / 1000;
const drift = buildDriftReference({ frame: reference, features, target: schema.target, outputs: new Float64Array(reference.nRows), importances: {}, seed: SEED });
const { pca, errors } = multivariate;
const kept = pca.explained_variance_ratio.slice(0, pca.components.length).reduce((a, b) => a + b, 0);
console.log('## 1 fit on the reference');
console.log(`rows ${multivariate.rows}, features ${features.map((f) => `${f.name} (${f.type})`).join(', ')}`);
console.log(`fit ${fitSeconds.toFixed(3)} s; components kept ${pca.components.length} of ${features.length}, explained variance ${fmt(kept)} (ratios ${pca.explained_variance_ratio.map(fmt).join(', ')})`);
console.log(`per-row reconstruction error on the reference: mean ${fmt(errors.mean)}, std ${fmt(errors.std)}; multivariate_reference.json ${JSON.stringify(multivariate).length} bytes`);

function windowRows(size: number, random: () => number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = split.test[Math.floor(random() * split.test.length)];
  return out;
}
const univariate = (window: Frame) => datasetDrift({ reference: { columns: drift.columns }, current: { columns: columnsByName(window, features) } });

console.log(`\n## 2 false alarms: ${WINDOWS} stationary windows of 1,000 held-out rows`);
const random = createRandom(SEED + 1);
let multivariateAlarms = 0;
let datasetAlarms = 0;
let largest = 0;
started = performance.now();
for (let w = 0; w < WINDOWS; w++) {
  const window = takeFrameRows(frame, windowRows(1_000, random));
  const result = multivariateDrift(multivariate, window);
  if (result.drift) multivariateAlarms++;
  largest = Math.max(largest, (result.reconstruction_error - errors.mean) / (result.threshold.upper - errors.mean));
  if (univariate(window).dataset_drift) datasetAlarms++;
}
console.log(`multivariate drift in ${multivariateAlarms} of ${WINDOWS} (target ≤ 2), dataset drift in ${datasetAlarms}; largest (error − mean) / half-width ${fmt(largest)}; ${((performance.now() - started) / WINDOWS).toFixed(1)} ms per window (both checks)`);

const large = takeFrameRows(frame, windowRows(100_000, createRandom(SEED + 2)));
started = performance.now();
const largeResult = multivariateDrift(multivariate, large);
console.log(`one check of a 100,000-row window: ${(performance.now() - started).toFixed(1)} ms (error ${fmt(largeResult.reconstruction_error)}, band (${fmt(largeResult.threshold.lower ?? 0)}, ${fmt(largeResult.threshold.upper)}), drift ${largeResult.drift})`);

console.log('\n## 3 joint shifts: every marginal unchanged (bmi permuted within the window)');
const age = features.findIndex((f) => f.name === 'age');
const bmi = features.findIndex((f) => f.name === 'bmi');
for (const size of [1_000, 10_000]) {
  const base = takeFrameRows(frame, windowRows(size, createRandom(SEED + size)));
  const windows: [string, Frame][] = [
    ['unchanged', base],
    ['bmi by reversed age rank', reversedByRank(base, bmi, age)],
    ['bmi swapped age<30 ↔ age≥60', swappedBetweenGroups(base, bmi, age, 30, 60, SEED)],
    ['bmi shuffled', shuffledColumn(base, bmi, SEED)],
  ];
  for (const [name, window] of windows) {
    const m = multivariateDrift(multivariate, window);
    const u = univariate(window);
    const columns = Object.entries(u.columns).map(([c, d]) => `${c} ${d.stattest} ${fmt(d.statistic ?? Number.NaN)}${d.drift ? ' DRIFT' : ''}`);
    console.log(`${size} rows, ${name}: reconstruction error ${fmt(m.reconstruction_error)} band (${m.threshold.lower === null ? '−' : fmt(m.threshold.lower)}, ${fmt(m.threshold.upper)}) → ${m.drift ? 'DRIFT' : 'no drift'}; univariate: ${u.number_of_drifted_columns} of ${u.number_of_columns} columns drift [${columns.join('; ')}]`);
  }
}
