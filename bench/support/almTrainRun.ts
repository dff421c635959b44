/**
 * One run of the full CLI, `alm train <csv> --out <workDir>/<out>`, as a child process (its
 * progress goes to our stderr): its wall time, its peak resident set size (maxRssHook.ts,
 * preloaded) and the reports it wrote. The main dataset's run is shared by figures 1a (test AUC),
 * 1b (wall time), 1e (peak memory) and 4 (its model.json is the one timed); figure 5 runs it on
 * the digits-like CSV.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LeaderboardSchema,
  scoredEntries,
  TrainingMetricsSchema,
  type LeaderboardEntry,
  type TrainingMetrics,
} from '../../shared/automl/training/reports.js';
import { CHILD_TIMEOUT_MS, progress, type BenchContext } from './context.js';
import { readText } from './mainDataset.js';
import { seconds } from './timing.js';

export interface AlmTrainRun {
  readonly seconds: number;
  /** Peak resident set size of the CLI process, bytes (undefined when the hook could not tell). */
  readonly maxRssBytes: number | undefined;
  readonly metrics: TrainingMetrics;
  readonly leaderboard: LeaderboardEntry[];
  readonly modelPath: string;
}

export function runAlmTrain({ root, workDir }: BenchContext, csvPath: string, outName = 'alm-train'): AlmTrainRun {
  const out = join(workDir, outName);
  const rssFile = join(workDir, `${outName}.maxrss`);
  const hook = pathToFileURL(join(root, 'dist/bench/support/maxRssHook.js')).href;
  const args = ['--import', hook, join(root, 'bin/alm.js'), 'train', csvPath, '--out', out];
  progress(`alm train ${csvPath} --out ${out}`);
  const env = { ...process.env, ALM_BENCH_MAXRSS_FILE: rssFile };
  const { result: run, seconds: wall } = seconds(() =>
    spawnSync(process.execPath, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS }),
  );
  if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}`);
  process.stderr.write(run.stdout);
  const metrics = TrainingMetricsSchema.parse(JSON.parse(readText(join(out, 'metrics.json'))));
  const leaderboard = scoredEntries(LeaderboardSchema.parse(JSON.parse(readText(join(out, 'leaderboard.json')))));
  const maxRssKiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
  const maxRssBytes = Number.isFinite(maxRssKiB) ? maxRssKiB * 1024 : undefined;
  progress(`alm train: ${wall.toFixed(1)} s wall, peak RSS ${maxRssBytes ? (maxRssBytes / 2 ** 20).toFixed(0) : '?'} MiB, chose ${metrics.candidate}`);
  return { seconds: wall, maxRssBytes, metrics, leaderboard, modelPath: join(out, 'model.json') };
}
