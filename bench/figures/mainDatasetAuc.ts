/**
 * Figure 1a: test ROC AUC, on the main dataset's 20% test split, of the model `alm train`
 * chooses (read from the CLI run's metrics.json; target ≥ 0.979) and of the `linear` candidate
 * (its leaderboard entry). Peers: the first peer.py run of figure 1c, on the same split (LightGBM,
 * HistGradientBoosting, LogisticRegression; with --all-peers GradientBoosting and RandomForest).
 */
import { atLeast, fmtScore, type Figure, type FigureRows } from '../report.js';
import type { AlmTrainRun } from '../support/almTrainRun.js';
import { PEER_NAMES, SLOW_PEERS, peerAuc, type PeerRun } from '../support/peers.js';

export function mainDatasetAuc(cli: AlmTrainRun | undefined, peerRun: PeerRun | undefined, allPeers: boolean): FigureRows {
  const chosenAuc = cli?.metrics.test.roc_auc;
  const linearAuc = cli?.leaderboard.find((e) => e.candidate === 'linear')?.test;
  const versus = (model: string): Figure => ({
    label: `1a   same vs ${PEER_NAMES[model]}`,
    ours: chosenAuc,
    peer: peerAuc(peerRun, model),
    format: fmtScore,
  });
  const rows: Figure[] = [
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
  ];
  return { rows, failures: [] };
}
