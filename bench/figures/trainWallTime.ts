/**
 * Figure 1b: wall time of the full CLI run `alm train` on the main dataset (a child process,
 * spawned and waited for; one run, shared with figures 1a and 4). Target < 60 s; no peer.
 */
import { below, fmtSeconds, type FigureRows } from '../report.js';
import type { AlmTrainRun } from '../support/almTrainRun.js';

export function trainWallTime(cli: AlmTrainRun | undefined): FigureRows {
  return {
    rows: [{ label: '1b alm train wall time, full CLI', ours: cli?.seconds, peer: null, format: fmtSeconds, target: below(60, '< 60 s') }],
    failures: [],
  };
}
