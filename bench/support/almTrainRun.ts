/**
 * One run of the full CLI, `alm train <main dataset> --out <workDir>/alm-train`, as a child
 * process (its progress goes to our stderr): its wall time and the reports it wrote. Shared by
 * figures 1a (test AUC), 1b (wall time) and 4 (its model.json is the one timed).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  LeaderboardSchema,
  scoredEntries,
  TrainingMetricsSchema,
  type LeaderboardEntry,
  type TrainingMetrics,
} from '../../shared/automl/training/reports.js';
import { CHILD_TIMEOUT_MS, progress, type BenchContext } from './context.js';
import { readText, type MainDataset } from './mainDataset.js';
import { seconds } from './timing.js';

export interface AlmTrainRun {
  readonly seconds: number;
  readonly metrics: TrainingMetrics;
  readonly leaderboard: LeaderboardEntry[];
  readonly modelPath: string;
}

export function runAlmTrain({ root, workDir }: BenchContext, main: MainDataset): AlmTrainRun {
  const out = join(workDir, 'alm-train');
  const args = [join(root, 'bin/alm.js'), 'train', main.path, '--out', out];
  progress(`alm train ${main.path} --out ${out}`);
  const { result: run, seconds: wall } = seconds(() =>
    spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_MS }),
  );
  if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}`);
  process.stderr.write(run.stdout);
  const metrics = TrainingMetricsSchema.parse(JSON.parse(readText(join(out, 'metrics.json'))));
  const leaderboard = scoredEntries(LeaderboardSchema.parse(JSON.parse(readText(join(out, 'leaderboard.json')))));
  progress(`alm train: ${wall.toFixed(1)} s wall, chose ${metrics.candidate}`);
  return { seconds: wall, metrics, leaderboard, modelPath: join(out, 'model.json') };
}
