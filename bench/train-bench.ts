/**
 * Benchmark of the AutoML engine against its peers (scikit-learn, LightGBM), measured side by
 * side in one run. Not a test: it prints one table to stdout (figure | ours | peer | ratio
 * ours/peer | target | ok), progress to stderr, and exits 0 even when a target is missed.
 *
 * What it measures, and how:
 *
 * 1. Main dataset (`data/diabetes_prediction_dataset.csv`, target `diabetes`), the stratified 80/20
 *    split that `trainModel` makes (`trainTestSplit` on the profiled target, seed 42). The train and
 *    test rows are written, as their original CSV text, to a temp dir for `peer.py`.
 *    - a. Test ROC AUC of the model `alm train` chooses: the full CLI runs as a child process and
 *      its metrics.json is read (target ≥ 0.979); peer: LightGBM, plus the other peers as info.
 *    - b. Wall time of that CLI run (target < 60 s).
 *    - c. Fit time of `gradient_boosting` (default params) on the 80,000 training rows, median of 3,
 *      interleaved with 3 runs of `peer.py` (ours, peer, ours, peer, ours, peer) so both see the
 *      same machine state; ratio to LightGBM's fit_s ≤ 1.5. HistGradientBoosting is shown too, and
 *      "preprocessing + fit" (quantile binning and encoding included, as the peers' fit_s includes
 *      their scikit-learn preprocessing).
 * 2. `data/diabetes_sklearn.csv` on the 5 KFold folds of `data/diabetes_sklearn_split_indices.json`:
 *    mean R² of the linear candidate's OLS and Ridge parameter sets (target ≥ 0.478); peers from
 *    reference.json (scikit-learn LinearRegression, Ridge + StandardScaler, same folds).
 * 3. `data/pima_indians_diabetes.csv`: a. `trainModel(table, {seed: 42})`, the chosen candidate's
 *    cv_mean ROC AUC (5-fold stratified CV on the training split); b. the `linear` candidate with
 *    5-fold stratified CV on all 768 rows (the protocol of the reference figure, though our folds
 *    are dealt by `kFolds`, not by scikit-learn's StratifiedKFold). Target ≥ 0.82 for both; peer:
 *    logistic regression from reference.json.
 * 4. Prediction speed of the gradient boosting model of run 1a (its model.json, or, if the CLI
 *    failed or chose another candidate, the model fitted in 1c): a. one record through
 *    `createRowPredictor`, median µs over 50,000 calls after warm-up (target ≤ 50 µs); b. batch
 *    `createPredictor(pipeline).predictFrame` over the 20,000 test rows, best of 5 (target ≥ 1 M
 *    rows/s). Peers from reference.json (LightGBM through a scikit-learn Pipeline).
 *
 * Peers: `bash ../shared/reference/peer-env.sh` prints a python with scikit-learn and LightGBM
 * (override the script with env ALM_PEER_ENV; the folder of peer.py and reference.json with env
 * ALM_REFERENCE_DIR). When they are missing, the peer cells say "peer unavailable" and our figures
 * are still measured. Peer figures marked "(ref)" come from reference.json, measured on a machine
 * of this kind; the others were measured in this run.
 *
 * usage: npm run bench:train [-- --all-peers]   (--all-peers adds scikit-learn's slow
 * GradientBoosting and RandomForest to the first peer run)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable } from '../cli/formatTable.js';
import { gradientBoostingCandidate, type GradientBoostingModel } from '../shared/automl/candidates/gradientBoosting/index.js';
import { linearCandidate } from '../shared/automl/candidates/linear/index.js';
import { candidateByName } from '../shared/automl/candidates/catalog.js';
import { formatCsv } from '../shared/automl/data/formatCsv.js';
import { frameFromTable, takeFrameRows, type Frame } from '../shared/automl/data/frame.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import type { Table } from '../shared/automl/data/table.js';
import { crossValidate } from '../shared/automl/evaluation/crossValidate.js';
import { PreparedSplit } from '../shared/automl/evaluation/preparedSplit.js';
import { kFolds, trainTestSplit, type Split } from '../shared/automl/evaluation/splits.js';
import { takeValues } from '../shared/automl/matrix.js';
import { r2Score, rocAuc } from '../shared/automl/metrics/index.js';
import { parseModel } from '../shared/automl/pipeline/modelArtifact.js';
import type { Pipeline } from '../shared/automl/pipeline/pipeline.js';
import { createPredictor } from '../shared/automl/pipeline/predictor.js';
import { createRowPredictor, type FeatureRecord } from '../shared/automl/pipeline/rowPredictor.js';
import { profileDataset } from '../shared/automl/profile/profileDataset.js';
import type { DatasetSchema } from '../shared/automl/schema/datasetSchema.js';
import { LeaderboardEntrySchema, TrainingMetricsSchema, type LeaderboardEntry, type TrainingMetrics } from '../shared/automl/training/reports.js';
import { trainModel } from '../shared/automl/training/trainModel.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REFERENCE_DIR = process.env.ALM_REFERENCE_DIR ?? resolve(ROOT, '../shared/reference');
const PEER_ENV_SCRIPT = process.env.ALM_PEER_ENV ?? join(REFERENCE_DIR, 'peer-env.sh');

const SEED = 42;
const FIT_REPEATS = 3;
const ROW_CALLS = 50_000;
const ROW_WARMUP_CALLS = 5_000;
const BATCH_REPEATS = 5;
const CHILD_TIMEOUT_MS = 15 * 60 * 1000;

const FAST_PEERS = ['lightgbm', 'hist_gradient_boosting', 'logistic_or_ridge'];
const SLOW_PEERS = ['gradient_boosting', 'random_forest'];
const TIMED_PEERS = ['lightgbm', 'hist_gradient_boosting'];
const PEER_NAMES: Record<string, string> = {
  lightgbm: 'LightGBM',
  hist_gradient_boosting: 'HistGradientBoosting',
  logistic_or_ridge: 'LogisticRegression',
  gradient_boosting: 'GradientBoosting',
  random_forest: 'RandomForest',
};

// ---------------------------------------------------------------------------------------------
// Figures and the table

/** A peer figure: measured in this run, or read from reference.json. */
interface PeerValue {
  readonly value: number;
  readonly from: 'run' | 'ref';
}

/** A target on our figure or on the ratio ours/peer. */
interface Target {
  readonly on: 'ours' | 'ratio';
  readonly op: '>=' | '<=' | '<';
  readonly value: number;
  readonly text: string;
}

/**
 * One row. `ours` undefined: our measurement failed. `peer` undefined: the peer is unavailable;
 * null: the figure has no peer.
 */
interface Figure {
  readonly label: string;
  readonly ours: number | undefined;
  readonly peer: PeerValue | undefined | null;
  readonly format: (value: number) => string;
  readonly target?: Target;
}

const failures: string[] = [];

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** Runs `fn`; on an error, records and reports it and returns undefined. */
function attempt<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(`${what}: ${message}`);
    progress(`FAILED ${what}: ${message}`);
    return undefined;
  }
}

const atLeast = (value: number, text = `≥ ${value}`): Target => ({ on: 'ours', op: '>=', value, text });
const atMost = (value: number, text = `≤ ${value}`): Target => ({ on: 'ours', op: '<=', value, text });
const below = (value: number, text = `< ${value}`): Target => ({ on: 'ours', op: '<', value, text });
const ratioAtMost = (value: number): Target => ({ on: 'ratio', op: '<=', value, text: `ratio ≤ ${value}` });

const fmtScore = (v: number) => v.toFixed(4);
const fmtSeconds = (v: number) => `${v < 10 ? v.toFixed(3) : v.toFixed(1)} s`;
const fmtMicros = (v: number) => `${v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0)} µs`;
const fmtRate = (v: number) => `${(v / 1e6).toFixed(2)} M rows/s`;

function ratioOf(figure: Figure): number | undefined {
  if (figure.ours === undefined || !figure.peer || figure.peer.value === 0) return undefined;
  return figure.ours / figure.peer.value;
}

function verdict(figure: Figure): string {
  const target = figure.target;
  if (!target) return '—';
  const value = target.on === 'ours' ? figure.ours : ratioOf(figure);
  if (value === undefined) return 'n/a';
  const pass = target.op === '>=' ? value >= target.value : target.op === '<=' ? value <= target.value : value < target.value;
  return pass ? 'yes' : 'NO';
}

function peerCell({ peer, format }: Figure): string {
  if (peer === null) return '—';
  if (peer === undefined) return 'peer unavailable';
  return peer.from === 'ref' ? `${format(peer.value)} (ref)` : format(peer.value);
}

function tableRow(figure: Figure): string[] {
  const ratio = ratioOf(figure);
  return [
    figure.label,
    figure.ours === undefined ? 'failed' : figure.format(figure.ours),
    peerCell(figure),
    ratio === undefined ? '—' : ratio.toPrecision(3),
    figure.target?.text ?? '—',
    verdict(figure),
  ];
}

function printTable(figures: readonly Figure[], peerVersions: string | undefined): void {
  const header = ['figure', 'ours', 'peer', 'ratio ours/peer', 'target', 'ok'];
  process.stdout.write(`${formatTable(header, figures.map(tableRow))}\n`);
  process.stdout.write(`peers: ${peerVersions ?? 'unavailable'}; (ref) = reference.json, measured on a machine of this kind\n`);
  if (failures.length > 0) process.stdout.write(`failed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function seconds<T>(fn: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}

/** The number at `path` in a parsed JSON value, or undefined. */
function jsonNumber(json: unknown, ...path: string[]): number | undefined {
  let node = json;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : undefined;
}

function refPeer(reference: unknown, ...path: string[]): PeerValue | undefined {
  const value = jsonNumber(reference, ...path);
  return value === undefined ? undefined : { value, from: 'ref' };
}

// ---------------------------------------------------------------------------------------------
// Peers: the python environment, peer.py, reference.json

interface Peers {
  readonly python: string | undefined;
  readonly reference: unknown;
}

/** peer.py's JSON line for one model. */
interface PeerResult {
  readonly auc?: number;
  readonly logloss?: number;
  readonly fit_s: number;
}
type PeerRun = ReadonlyMap<string, PeerResult>;

function locatePeers(): Peers {
  const reference = attempt('read reference.json', () => JSON.parse(readText(join(REFERENCE_DIR, 'reference.json'))) as unknown);
  const python = attempt('peer environment', () => {
    if (!existsSync(PEER_ENV_SCRIPT)) throw new Error(`${PEER_ENV_SCRIPT} not found`);
    if (!existsSync(join(REFERENCE_DIR, 'peer.py'))) throw new Error(`${join(REFERENCE_DIR, 'peer.py')} not found`);
    progress(`peer environment: bash ${PEER_ENV_SCRIPT}`);
    const run = spawnSync('bash', [PEER_ENV_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS });
    const path = run.stdout?.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !existsSync(path)) throw new Error(`peer-env.sh exited with ${run.status ?? run.signal}`);
    return path;
  });
  return { python, reference };
}

function peerVersions(python: string | undefined): string | undefined {
  if (!python) return undefined;
  const run = spawnSync(python, ['-c', 'import sklearn, lightgbm; print(f"scikit-learn {sklearn.__version__}, LightGBM {lightgbm.__version__}")'], {
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** Runs peer.py on the train and test CSVs; undefined (and a recorded failure) when it fails. */
function runPeer(python: string | undefined, files: SplitFiles, target: string, models: readonly string[]): PeerRun | undefined {
  if (!python) return undefined;
  return attempt(`peer.py --models ${models.join(',')}`, () => {
    progress(`peer.py: ${models.join(', ')}`);
    const args = [join(REFERENCE_DIR, 'peer.py'), files.train, files.test, '--target', target, '--models', models.join(',')];
    const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: CHILD_TIMEOUT_MS });
    if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}: ${tail(run.stderr ?? '')}`);
    const results = new Map<string, PeerResult>();
    for (const line of run.stdout.split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as PeerResult & { model: string };
      results.set(row.model, row);
      progress(`  ${row.model}: auc ${row.auc?.toFixed(4)}, fit ${row.fit_s.toFixed(3)} s`);
    }
    return results;
  });
}

function peerFitMedian(runs: readonly (PeerRun | undefined)[], model: string): PeerValue | undefined {
  const times = runs.flatMap((run) => (run?.get(model) ? [run.get(model)!.fit_s] : []));
  return times.length === 0 ? undefined : { value: median(times), from: 'run' };
}

function peerAuc(run: PeerRun | undefined, model: string): PeerValue | undefined {
  const auc = run?.get(model)?.auc;
  return auc === undefined ? undefined : { value: auc, from: 'run' };
}

// ---------------------------------------------------------------------------------------------
// 1. Main dataset: split, CLI run, fit time

interface MainDataset {
  readonly path: string;
  readonly text: string;
  readonly table: Table;
  readonly schema: DatasetSchema;
  /** Labeled rows only, as `trainModel` keeps them. */
  readonly frame: Frame;
  readonly y: Float64Array;
  /** Table row of each labeled row. */
  readonly tableRow: Int32Array;
  /** Indices into `frame` / `y`: the outer split `trainModel` makes. */
  readonly split: Split;
}

interface SplitFiles {
  readonly train: string;
  readonly test: string;
}

interface CliRun {
  readonly seconds: number;
  readonly metrics: TrainingMetrics;
  readonly leaderboard: LeaderboardEntry[];
  readonly modelPath: string;
}

interface OurFit {
  /** PreparedSplit (preprocessor fit, row selection) and the binned encoding of the training rows. */
  readonly prepSeconds: number;
  readonly fitSeconds: number;
  readonly prepared: PreparedSplit;
  readonly model: GradientBoostingModel;
}

interface FitBench {
  readonly ours: OurFit[];
  /** The first run holds every peer's AUC; all runs hold the timed peers' fit_s. */
  readonly peerRuns: (PeerRun | undefined)[];
}

interface Speed {
  readonly rowMicros: number;
  readonly batchRowsPerSecond: number;
  readonly source: string;
}

/** Profiles a table and keeps its labeled rows, as `trainModel` does. */
function labeledFrame(table: Table, target: string): Pick<MainDataset, 'schema' | 'frame' | 'y' | 'tableRow'> {
  const { schema, y: yAll } = profileDataset(table, { target });
  const tableRow = Int32Array.from(yAll.keys()).filter((i) => !Number.isNaN(yAll[i]));
  const frame = takeFrameRows(frameFromTable(table, schema.features), tableRow);
  return { schema, frame, y: takeValues(yAll, tableRow), tableRow };
}

function loadMainDataset(): MainDataset {
  const path = join(ROOT, 'data/diabetes_prediction_dataset.csv');
  const text = readText(path);
  const table = parseCsv(text);
  const labeled = labeledFrame(table, 'diabetes');
  const split = trainTestSplit(labeled.y, labeled.schema.target.task, 0.2, SEED);
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

function writeSplitFiles(main: MainDataset, dir: string): SplitFiles {
  const toCsv = csvWriter(main.text, main.table);
  const files = { train: join(dir, 'train.csv'), test: join(dir, 'test.csv') };
  writeFileSync(files.train, toCsv(main.split.train.map((i) => main.tableRow[i])));
  writeFileSync(files.test, toCsv(main.split.test.map((i) => main.tableRow[i])));
  return files;
}

/** Runs `alm train` as a child process (its progress goes to our stderr) and reads its reports. */
function runCli(main: MainDataset, dir: string): CliRun {
  const out = join(dir, 'alm-train');
  const args = [join(ROOT, 'bin/alm.js'), 'train', main.path, '--out', out];
  progress(`alm train ${main.path} --out ${out}`);
  const { result: run, seconds: wall } = seconds(() =>
    spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS }),
  );
  if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}`);
  process.stderr.write(run.stdout);
  const metrics = TrainingMetricsSchema.parse(JSON.parse(readText(join(out, 'metrics.json'))));
  const leaderboard = LeaderboardEntrySchema.array().parse(JSON.parse(readText(join(out, 'leaderboard.json'))));
  progress(`alm train: ${wall.toFixed(1)} s wall, chose ${metrics.candidate}`);
  return { seconds: wall, metrics, leaderboard, modelPath: join(out, 'model.json') };
}

/** One timed fit of `gradient_boosting` with its default params on the training split. */
function fitOurs(main: MainDataset): OurFit {
  const { task, classes = [] } = main.schema.target;
  const { result: prepared, seconds: prepSeconds } = seconds(() => {
    const split = new PreparedSplit(main.frame, main.y, main.schema.features, main.split);
    split.train('binned');
    return split;
  });
  const train = { X: prepared.train('binned'), y: prepared.yTrain, task, nClasses: classes.length };
  const params = gradientBoostingCandidate.paramSets(task)[0];
  const { result: model, seconds: fitSeconds } = seconds(() => gradientBoostingCandidate.fit(train, params, { seed: SEED }));
  progress(`gradient_boosting: prep ${prepSeconds.toFixed(3)} s, fit ${fitSeconds.toFixed(3)} s, ${model.nIterations} iterations`);
  return { prepSeconds, fitSeconds, prepared, model };
}

/** Our fits interleaved with peer.py runs: ours, peer, ours, peer, … */
function benchFit(main: MainDataset, python: string | undefined, files: SplitFiles | undefined, allPeers: boolean): FitBench {
  const bench: FitBench = { ours: [], peerRuns: [] };
  for (let rep = 0; rep < FIT_REPEATS; rep++) {
    const fit = attempt(`gradient_boosting fit ${rep + 1}`, () => fitOurs(main));
    if (fit) bench.ours.push(fit);
    const models = rep > 0 ? TIMED_PEERS : allPeers ? [...FAST_PEERS, ...SLOW_PEERS] : FAST_PEERS;
    bench.peerRuns.push(files && runPeer(python, files, 'diabetes', models));
  }
  return bench;
}

function qualityFigures(cli: CliRun | undefined, peerRun: PeerRun | undefined, allPeers: boolean): Figure[] {
  const chosenAuc = cli?.metrics.test.roc_auc;
  const linearAuc = cli?.leaderboard.find((e) => e.candidate === 'linear')?.test;
  const versus = (model: string): Figure => ({
    label: `1a   same vs ${PEER_NAMES[model]}`,
    ours: chosenAuc,
    peer: peerAuc(peerRun, model),
    format: fmtScore,
  });
  return [
    {
      label: `1a test ROC AUC of alm train's choice (${cli?.metrics.candidate ?? '?'}) vs LightGBM`,
      ours: chosenAuc,
      peer: peerAuc(peerRun, 'lightgbm'),
      format: fmtScore,
      target: atLeast(0.979),
    },
    versus('hist_gradient_boosting'),
    ...(allPeers ? SLOW_PEERS.map(versus) : []),
    { label: '1a   linear (leaderboard) vs LogisticRegression', ours: linearAuc, peer: peerAuc(peerRun, 'logistic_or_ridge'), format: fmtScore },
    { label: '1b alm train wall time, full CLI', ours: cli?.seconds, peer: null, format: fmtSeconds, target: below(60, '< 60 s') },
  ];
}

function fitFigures(main: MainDataset | undefined, bench: FitBench): Figure[] {
  const has = bench.ours.length > 0;
  const fit = has ? median(bench.ours.map((f) => f.fitSeconds)) : undefined;
  const prepAndFit = has ? median(bench.ours.map((f) => f.prepSeconds + f.fitSeconds)) : undefined;
  const lightgbm = peerFitMedian(bench.peerRuns, 'lightgbm');
  const rows = main ? main.split.train.length.toLocaleString('en-US') : '?';
  return [
    {
      label: `1c gradient_boosting fit, ${rows} rows, median of ${FIT_REPEATS} vs LightGBM`,
      ours: fit,
      peer: lightgbm,
      format: fmtSeconds,
      target: ratioAtMost(1.5),
    },
    { label: '1c   same vs HistGradientBoosting', ours: fit, peer: peerFitMedian(bench.peerRuns, 'hist_gradient_boosting'), format: fmtSeconds },
    { label: '1c   preprocessing + fit vs LightGBM', ours: prepAndFit, peer: lightgbm, format: fmtSeconds },
  ];
}

// ---------------------------------------------------------------------------------------------
// 4. Prediction speed

/** The CLI's model if it is gradient boosting, else a pipeline around the model fitted in 1c. */
function servingPipeline(main: MainDataset, cli: CliRun | undefined, fit: OurFit | undefined): { pipeline: Pipeline; source: string } {
  if (cli) {
    const pipeline = parseModel(readText(cli.modelPath));
    if (pipeline.candidate === 'gradient_boosting') return { pipeline, source: "alm train's model.json" };
    progress(`alm train chose ${pipeline.candidate}: timing the gradient_boosting model of 1c instead`);
  }
  if (!fit) throw new Error('no gradient boosting model: the CLI run and the fits of 1c failed');
  const { target, features } = main.schema;
  const pipeline: Pipeline = {
    target,
    features,
    preprocessor: fit.prepared.preprocessor,
    candidate: 'gradient_boosting',
    params: fit.model.params,
    model: fit.model.toJSON(),
  };
  return { pipeline, source: 'the fit of 1c' };
}

/** A cell as a JSON client would send it: a number when it reads as one, else the text. */
function recordValue(cell: string): string | number {
  const trimmed = cell.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : cell;
}

/** The test rows as plain records, e.g. `{gender: 'Female', age: 80, …, blood_glucose_level: 140}`. */
function testRecords(main: MainDataset, pipeline: Pipeline): FeatureRecord[] {
  const columns = pipeline.features.map((f) => main.table.cells[main.table.columns.indexOf(f.name)]);
  return Array.from(main.split.test, (i) => {
    const row = main.tableRow[i];
    return Object.fromEntries(pipeline.features.map((f, c) => [f.name, recordValue(columns[c][row])]));
  });
}

/** Median µs of one `predict(record)` call, each call timed alone, after a warm-up. */
function medianRowMicros(predict: (record: FeatureRecord) => Float64Array, records: readonly FeatureRecord[]): number {
  let sink = 0;
  for (let i = 0; i < ROW_WARMUP_CALLS; i++) sink += predict(records[i % records.length])[0];
  const nanos = new Float64Array(ROW_CALLS);
  for (let i = 0; i < ROW_CALLS; i++) {
    const record = records[i % records.length];
    const start = process.hrtime.bigint();
    const out = predict(record);
    nanos[i] = Number(process.hrtime.bigint() - start);
    sink += out[0];
  }
  if (!Number.isFinite(sink)) throw new Error('one-record predictions are not finite');
  return median(nanos) / 1000;
}

/** Rows per second of `predictFrame` over the test rows, best of BATCH_REPEATS. */
function batchRowsPerSecond(main: MainDataset, pipeline: Pipeline): number {
  const rows = Array.from(main.split.test, (i) => main.tableRow[i]);
  const frame = takeFrameRows(frameFromTable(main.table, pipeline.features), rows);
  const predictor = createPredictor(pipeline);
  let best = Number.POSITIVE_INFINITY;
  let values: Float64Array = new Float64Array(0);
  for (let rep = 0; rep < BATCH_REPEATS; rep++) {
    const run = seconds(() => predictor.predictFrame(frame));
    best = Math.min(best, run.seconds);
    values = run.result.values;
  }
  progress(`batch predictions: test ROC AUC ${rocAuc(takeValues(main.y, main.split.test), values).toFixed(4)} (a check against 1a)`);
  return frame.nRows / best;
}

function measureSpeed(main: MainDataset, cli: CliRun | undefined, fit: OurFit | undefined): Speed {
  const { pipeline, source } = servingPipeline(main, cli, fit);
  progress(`prediction speed of ${source}`);
  const rowMicros = medianRowMicros(createRowPredictor(pipeline), testRecords(main, pipeline));
  progress(`one record: median ${rowMicros.toFixed(2)} µs`);
  const rowsPerSecond = batchRowsPerSecond(main, pipeline);
  progress(`batch: ${fmtRate(rowsPerSecond)}`);
  return { rowMicros, batchRowsPerSecond: rowsPerSecond, source };
}

function speedFigures(speed: Speed | undefined, reference: unknown): Figure[] {
  const lightgbm = ['diabetes_prediction_dataset', 'models', 'lightgbm'];
  const oneRowMs = jsonNumber(reference, ...lightgbm, 'predict_1row_ms');
  const from = speed ? ` (${speed.source})` : '';
  return [
    {
      label: `4a one-record predict, median of ${ROW_CALLS.toLocaleString('en-US')} calls${from} vs LightGBM`,
      ours: speed?.rowMicros,
      peer: oneRowMs === undefined ? undefined : { value: oneRowMs * 1000, from: 'ref' },
      format: fmtMicros,
      target: atMost(50, '≤ 50 µs'),
    },
    {
      label: `4b batch predictFrame, 20,000 test rows, best of ${BATCH_REPEATS} vs LightGBM`,
      ours: speed?.batchRowsPerSecond,
      peer: refPeer(reference, ...lightgbm, 'batch_rows_per_s'),
      format: fmtRate,
      target: atLeast(1e6, '≥ 1 M rows/s'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// 2. diabetes_sklearn: linear OLS and Ridge on the given folds

function indexList(value: unknown, what: string): Int32Array {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw new Error(`${what} is not a list of row indices`);
  return Int32Array.from(value as number[]);
}

/**
 * The folds of the split-indices JSON: `kfold` (or `folds`), a list of `{train, test}` of 0-based
 * data rows; a fold without `train` trains on every row not in its `test`.
 */
function readFolds(path: string, nRows: number): Split[] {
  const json = JSON.parse(readText(path)) as { kfold?: unknown; folds?: unknown };
  const folds = json.kfold ?? json.folds;
  if (!Array.isArray(folds) || folds.length === 0) throw new Error(`${path} has no 'kfold' list of folds`);
  return folds.map((fold: { train?: unknown; test?: unknown }, k) => {
    const test = indexList(fold.test, `fold ${k + 1} test`);
    if (fold.train !== undefined) return { train: indexList(fold.train, `fold ${k + 1} train`), test };
    const inTest = new Set(test);
    return { train: Int32Array.from({ length: nRows }, (_, i) => i).filter((i) => !inTest.has(i)), test };
  });
}

/** Mean R² over the folds for each regression parameter set of `linear`, by kind. */
function linearFoldR2(): Map<string, number> {
  const table = parseCsv(readText(join(ROOT, 'data/diabetes_sklearn.csv')));
  const { schema, y } = profileDataset(table, { target: 'target' });
  const frame = frameFromTable(table, schema.features);
  const folds = readFolds(join(ROOT, 'data/diabetes_sklearn_split_indices.json'), table.nRows).map(
    (split) => new PreparedSplit(frame, y, schema.features, split),
  );
  const means = new Map<string, number>();
  for (const params of linearCandidate.paramSets('regression')) {
    const scores = folds.map((fold) => {
      const model = linearCandidate.fit({ X: fold.train('dense'), y: fold.yTrain, task: 'regression', nClasses: 0 }, params, { seed: SEED });
      return r2Score(fold.yTest, model.predict(fold.test('dense')));
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    progress(`diabetes_sklearn ${params.kind}: R² per fold ${scores.map((s) => s.toFixed(4)).join(', ')}; mean ${mean.toFixed(4)}`);
    means.set(params.kind, mean);
  }
  return means;
}

function sklearnFigures(reference: unknown): Figure[] {
  const r2 = attempt('diabetes_sklearn folds', linearFoldR2);
  const peer = (model: string) => refPeer(reference, 'diabetes_sklearn', 'models', model, 'cv5', 'r2', 'mean');
  return [
    {
      label: '2 diabetes_sklearn, mean R² of 5 folds, OLS vs LinearRegression',
      ours: r2?.get('ols'),
      peer: peer('LinearRegression'),
      format: fmtScore,
      target: atLeast(0.478),
    },
    {
      label: '2   Ridge(α=1) vs Ridge + StandardScaler',
      ours: r2?.get('ridge'),
      peer: peer('Ridge(alpha=1.0)+StandardScaler'),
      format: fmtScore,
      target: atLeast(0.478),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// 3. Pima: trainModel's choice, and the linear candidate on the reference protocol

/** `linear` with 5-fold stratified CV (kFolds, seed 42) on every labeled row: mean ROC AUC. */
function linearCvAllRows(table: Table): number {
  const { schema, frame, y } = labeledFrame(table, 'target');
  const { task, classes = [] } = schema.target;
  const folds = kFolds(y, task, 5, SEED).map((split) => new PreparedSplit(frame, y, schema.features, split));
  const linear = candidateByName('linear');
  const cv = crossValidate(linear, linear.paramSets(task)[0], folds, task, classes.length, SEED);
  progress(`Pima linear, 5-fold CV on ${y.length} rows: ${cv.mean.toFixed(4)} ± ${cv.std.toFixed(4)}`);
  return cv.mean;
}

function pimaFigures(reference: unknown): Figure[] {
  const table = attempt('read the Pima CSV', () => parseCsv(readText(join(ROOT, 'data/pima_indians_diabetes.csv'))));
  const trained = table && attempt('Pima trainModel', () => seconds(() => trainModel(table, { seed: SEED, target: 'target' })));
  if (trained) progress(`Pima trainModel: ${trained.seconds.toFixed(1)} s, chose ${trained.result.metrics.candidate}`);
  const linearCv = table && attempt('Pima linear CV', () => linearCvAllRows(table));
  const peer = refPeer(reference, 'pima_indians_diabetes', 'models', 'logistic (StandardScaler)', '0');
  const chosen = trained?.result.metrics;
  return [
    {
      label: `3a Pima trainModel cv_mean ROC AUC, chosen (${chosen?.candidate ?? '?'}) vs logistic`,
      ours: chosen?.validation.cv_mean,
      peer,
      format: fmtScore,
      target: atLeast(0.82),
    },
    { label: '3b Pima linear, 5-fold stratified CV on all rows vs logistic', ours: linearCv, peer, format: fmtScore, target: atLeast(0.82) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Main

/** Sections 1 and 4, which share the main dataset, its split and the CLI run. */
function mainDatasetFigures(
  python: string | undefined,
  reference: unknown,
  dir: string,
  allPeers: boolean,
): { quality: Figure[]; speed: Figure[] } {
  const main = attempt('load the main dataset', loadMainDataset);
  const files = main && attempt('write the split CSVs', () => writeSplitFiles(main, dir));
  const cli = main && attempt('alm train (CLI)', () => runCli(main, dir));
  const fit: FitBench = main ? benchFit(main, python, files, allPeers) : { ours: [], peerRuns: [] };
  const speed = main && attempt('prediction speed', () => measureSpeed(main, cli, fit.ours.at(-1)));
  return {
    quality: [...qualityFigures(cli, fit.peerRuns[0], allPeers), ...fitFigures(main, fit)],
    speed: speedFigures(speed, reference),
  };
}

function run(): void {
  const { values } = parseArgs({ options: { 'all-peers': { type: 'boolean', default: false } } });
  const allPeers = values['all-peers'] === true;
  const dir = mkdtempSync(join(tmpdir(), 'alm-bench-'));
  try {
    const { python, reference } = locatePeers();
    const mainFigures = mainDatasetFigures(python, reference, dir, allPeers);
    const figures = [...mainFigures.quality, ...sklearnFigures(reference), ...pimaFigures(reference), ...mainFigures.speed];
    printTable(figures, peerVersions(python));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

run();
