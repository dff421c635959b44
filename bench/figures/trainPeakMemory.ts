/**
 * Figure 1e: peak memory of the full CLI run `alm train` on the main dataset (100,000 rows, all
 * defaults; the run of 1a/1b): the child's maximum resident set size (maxRssHook.ts). No target.
 * Peer, for scale only: the peak RSS of the python process of lightgbm_peer.py, one LightGBM fit
 * (with its pandas and scikit-learn preprocessing) on the 80,000 training rows — not the same
 * work (alm train cross-validates five candidates), hence no ratio target.
 */
import { type FigureRows } from '../report.js';
import type { AlmTrainRun } from '../support/almTrainRun.js';
import type { LightgbmPeerRun } from '../support/lightgbmPeer.js';

export const fmtMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export function trainPeakMemory(cli: AlmTrainRun | undefined, peer: LightgbmPeerRun | undefined): FigureRows {
  const row = {
    label: '1e alm train peak RSS, 100,000 rows, all defaults vs one LightGBM fit (python process)',
    ours: cli?.maxRssBytes,
    peer: peer ? ({ value: peer.max_rss_kb * 1024, from: 'run' } as const) : undefined,
    format: fmtMiB,
  };
  return { rows: [row], failures: [] };
}
