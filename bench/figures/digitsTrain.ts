/**
 * Figure 5: wall time of the full CLI run `alm train` (all default candidates) on the
 * digits-like CSV of support/digitsLike.ts (1,347 rows, 64 pixel features, 10 classes, as
 * scikit-learn's digits training split), target ≤ 60 s. Peer, beside it: lightgbm_peer.py's fit
 * of one LightGBM (100 trees, multiclass) on the same CSV — one model where alm train
 * cross-validates every candidate, so the ratio shows scale, not equal work.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, fmtSeconds, type FigureRows } from '../report.js';
import { runAlmTrain } from '../support/almTrainRun.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import { digitsLikeCsv } from '../support/digitsLike.js';
import { runLightgbmPeer } from '../support/lightgbmPeer.js';

export function digitsTrain(ctx: BenchContext): FigureRows {
  const log = new FailureLog();
  const csv = log.attempt('write the digits-like CSV', () => {
    const path = join(ctx.workDir, 'digits-like.csv');
    writeFileSync(path, digitsLikeCsv());
    return path;
  });
  const cli = csv === undefined ? undefined : log.attempt('alm train (digits-like CSV)', () => runAlmTrain(ctx, csv, 'alm-train-digits'));
  if (cli) progress(`digits-like: alm train chose ${cli.metrics.candidate} in ${cli.seconds.toFixed(1)} s`);
  const peer = csv !== undefined && ctx.python ? log.attempt('lightgbm_peer.py (digits-like CSV)', () => runLightgbmPeer(ctx, csv, 'target')) : undefined;
  const row = {
    label: '5  alm train wall time, digits-like CSV (1,347 rows, 64 features, 10 classes) vs one LightGBM fit',
    ours: cli?.seconds,
    peer: peer ? ({ value: peer.fit_s, from: 'run' } as const) : undefined,
    format: fmtSeconds,
    target: atMost(60, '≤ 60 s'),
  };
  return { rows: [row], failures: log.failures };
}
