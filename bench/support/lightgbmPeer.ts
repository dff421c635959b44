/**
 * The project's own LightGBM peer script, `bench/peers/lightgbm_peer.py` (for what peer.py does
 * not measure: peak memory, batch prediction rates, a multiclass fit), run with the peers'
 * python: one JSON line (see the script). Throws on failure; the callers record it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CHILD_TIMEOUT_MS, progress, type BenchContext } from './context.js';

export interface LightgbmPeerRun {
  readonly fit_s: number;
  readonly max_rss_kb: number;
  readonly classes: number;
  readonly batch_rows_per_s?: number;
  readonly booster_rows_per_s?: number;
}

export function runLightgbmPeer({ root, python }: BenchContext, train: string, target: string, test?: string): LightgbmPeerRun {
  if (!python) throw new Error('no peer python');
  const args = [join(root, 'bench/peers/lightgbm_peer.py'), train, '--target', target, ...(test ? ['--test', test] : [])];
  progress(`lightgbm_peer.py ${train}${test ? ` (test ${test})` : ''}`);
  const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: CHILD_TIMEOUT_MS });
  if (run.status !== 0) throw new Error(`exited with ${run.status ?? run.signal}: ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as LightgbmPeerRun;
  progress(`  LightGBM: fit ${result.fit_s.toFixed(3)} s, peak RSS ${(result.max_rss_kb / 1024).toFixed(0)} MiB`);
  return result;
}
