/**
 * The peers: the python environment printed by `bash <referenceDir>/peer-env.sh`, `peer.py` run on
 * the main dataset's train and test CSVs (one JSON line per model: auc, logloss, fit_s), and the
 * figures of `reference.json` (marked "(ref)": measured on a machine of this kind, not in this run).
 * Every function here throws on failure; the callers record it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PeerValue } from '../report.js';
import { CHILD_TIMEOUT_MS, progress, type BenchPaths } from './context.js';
import { median } from './timing.js';

export const FAST_PEERS: readonly string[] = ['lightgbm', 'hist_gradient_boosting', 'logistic_or_ridge'];
export const SLOW_PEERS: readonly string[] = ['gradient_boosting', 'random_forest'];
/** The peers whose fit_s is timed against ours in every interleaved run. */
export const TIMED_PEERS: readonly string[] = ['lightgbm', 'hist_gradient_boosting'];
export const PEER_NAMES: Readonly<Record<string, string>> = {
  lightgbm: 'LightGBM',
  hist_gradient_boosting: 'HistGradientBoosting',
  logistic_or_ridge: 'LogisticRegression',
  gradient_boosting: 'GradientBoosting',
  random_forest: 'RandomForest',
};
/** Where reference.json keeps LightGBM's prediction figures on the main dataset. */
export const LIGHTGBM_REFERENCE: readonly string[] = ['diabetes_prediction_dataset', 'models', 'lightgbm'];

/** peer.py's JSON line for one model. */
export interface PeerResult {
  readonly auc?: number;
  readonly logloss?: number;
  readonly fit_s: number;
}
export type PeerRun = ReadonlyMap<string, PeerResult>;

/** The train and test CSVs peer.py reads. */
export interface SplitFiles {
  readonly train: string;
  readonly test: string;
}

export function readReference({ referenceDir }: BenchPaths): unknown {
  return JSON.parse(readFileSync(join(referenceDir, 'reference.json'), 'utf8')) as unknown;
}

/** The python that peer-env.sh prints (its last stdout line). */
export function locatePython({ referenceDir, peerEnvScript }: BenchPaths): string {
  if (!existsSync(peerEnvScript)) throw new Error(`${peerEnvScript} not found`);
  if (!existsSync(join(referenceDir, 'peer.py'))) throw new Error(`${join(referenceDir, 'peer.py')} not found`);
  progress(`peer environment: bash ${peerEnvScript}`);
  const run = spawnSync('bash', [peerEnvScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS });
  const path = run.stdout?.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !existsSync(path)) throw new Error(`peer-env.sh exited with ${run.status ?? run.signal}`);
  return path;
}

/** "scikit-learn x, LightGBM y", or undefined when the python cannot say. */
export function peerVersions(python: string | undefined): string | undefined {
  if (!python) return undefined;
  const run = spawnSync(python, ['-c', 'import sklearn, lightgbm; print(f"scikit-learn {sklearn.__version__}, LightGBM {lightgbm.__version__}")'], {
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}

/** Runs peer.py on the train and test CSVs. */
export function runPeer(referenceDir: string, python: string, files: SplitFiles, target: string, models: readonly string[]): PeerRun {
  progress(`peer.py: ${models.join(', ')}`);
  const args = [join(referenceDir, 'peer.py'), files.train, files.test, '--target', target, '--models', models.join(',')];
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
}

/** The median fit_s of `model` over the runs that have it. */
export function peerFitMedian(runs: readonly (PeerRun | undefined)[], model: string): PeerValue | undefined {
  const times = runs.flatMap((run) => (run?.get(model) ? [run.get(model)!.fit_s] : []));
  return times.length === 0 ? undefined : { value: median(times), from: 'run' };
}

export function peerAuc(run: PeerRun | undefined, model: string): PeerValue | undefined {
  const auc = run?.get(model)?.auc;
  return auc === undefined ? undefined : { value: auc, from: 'run' };
}

/** The number at `path` in a parsed JSON value, or undefined. */
export function jsonNumber(json: unknown, ...path: string[]): number | undefined {
  let node = json;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : undefined;
}

/** A figure of reference.json as a "(ref)" peer value. */
export function refPeer(reference: unknown, ...path: string[]): PeerValue | undefined {
  const value = jsonNumber(reference, ...path);
  return value === undefined ? undefined : { value, from: 'ref' };
}
