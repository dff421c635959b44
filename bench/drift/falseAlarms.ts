/**
 * Figure 1: false alarms. 200 windows of 1,000 rows, each resampled with replacement (seeded)
 * from the 20,000 held-out rows of the main dataset, so every window comes from the training
 * distribution: each is checked against the stored drift reference (features + the model's
 * positive-class probability vs the out-of-fold predictions) with the default options, and judged
 * ALONE by `decideOnDrift` with the default settings (no cooldown masking a second alarm, no
 * previous window: stricter than production). Target: at most 2 retrain decisions out of 200.
 * Also: windows with dataset drift, with prediction drift, drifted windows per column, and the
 * largest statistic each column reached (beside its test and threshold). Every retrain decision
 * is listed in the notes with its reasons.
 */
import { createRandom } from '../../shared/automl/util/random.js';
import type { ColumnDrift } from '../../shared/drift/driftResult.js';
import { atMost, type Figure } from '../report.js';
import { FailureLog, progress } from '../support/context.js';
import type { DriftDataset, DriftModel } from './driftModel.js';
import { fmtCount, fmtStatistic, type DriftFigureRows } from './rows.js';
import { checkWindow, resample, servedRows } from './windows.js';

export const WINDOWS = 200;
export const WINDOW_ROWS = 1_000;
const NOW = '2025-06-01T12:00:00.000Z';

interface ColumnTally {
  stattest: string;
  threshold: number;
  drifted: number;
  maxStatistic: number;
  sum: number;
  checked: number;
}

interface Tally {
  retrain: number;
  datasetDrift: number;
  predictionDrift: number;
  actions: Record<string, number>;
  columns: Map<string, ColumnTally>;
  retrainReasons: string[];
}

function count(tally: Map<string, ColumnTally>, name: string, column: ColumnDrift): void {
  const entry = tally.get(name) ?? { stattest: column.stattest, threshold: column.threshold, drifted: 0, maxStatistic: Number.NEGATIVE_INFINITY, sum: 0, checked: 0 };
  if (column.drift) entry.drifted++;
  if (column.statistic !== null) {
    entry.maxStatistic = Math.max(entry.maxStatistic, column.statistic);
    entry.sum += column.statistic;
    entry.checked++;
  }
  tally.set(name, entry);
}

function runWindows(data: DriftDataset, model: DriftModel, seed: number): Tally {
  const random = createRandom(seed);
  const tally: Tally = { retrain: 0, datasetDrift: 0, predictionDrift: 0, actions: {}, columns: new Map(), retrainReasons: [] };
  for (let w = 0; w < WINDOWS; w++) {
    const rows = resample(data.heldOut, WINDOW_ROWS, random);
    const { result, decision } = checkWindow(model, servedRows(data, model, rows), {}, NOW);
    tally.actions[decision.action] = (tally.actions[decision.action] ?? 0) + 1;
    if (decision.action === 'retrain') {
      tally.retrain++;
      tally.retrainReasons.push(`window ${w + 1}: ${decision.reasons.join('; ')}`);
    }
    if (result.dataset_drift) tally.datasetDrift++;
    for (const [name, column] of Object.entries(result.columns)) count(tally.columns, name, column);
    if (result.prediction_drift) {
      if (result.prediction_drift.drift) tally.predictionDrift++;
      count(tally.columns, 'prediction', result.prediction_drift);
    }
  }
  return tally;
}

export function falseAlarms(data: DriftDataset | undefined, model: DriftModel | undefined, seed: number): DriftFigureRows {
  const log = new FailureLog();
  progress(`1 false alarms: ${WINDOWS} windows of ${WINDOW_ROWS} rows resampled from the held-out rows`);
  const tally = data && model ? log.attempt('false alarms', () => runWindows(data, model, seed)) : undefined;
  const label = `1  retrain decisions, ${WINDOWS} held-out windows × ${WINDOW_ROWS.toLocaleString('en-US')} rows`;
  const rows: Figure[] = [
    { label, ours: tally?.retrain, peer: null, format: fmtCount, target: atMost(2) },
    { label: '1    windows with dataset drift', ours: tally?.datasetDrift, peer: null, format: fmtCount },
    { label: '1    windows with prediction drift', ours: tally?.predictionDrift, peer: null, format: fmtCount },
  ];
  const columns = [...(tally?.columns ?? new Map<string, ColumnTally>()).entries()];
  for (const [name, column] of columns) {
    if (name === 'prediction') continue; // the row "windows with prediction drift"
    rows.push({ label: `1    drifted windows, ${name} (${column.stattest})`, ours: column.drifted, peer: null, format: fmtCount });
  }
  for (const [name, column] of columns) {
    const rule = column.stattest === 'wasserstein' || column.stattest === 'jensenshannon' || column.stattest === 'psi' ? '≥' : 'p ≤';
    rows.push({
      label: `1    max statistic, ${name} (${column.stattest}; drift when ${rule} ${column.threshold})`,
      ours: Number.isFinite(column.maxStatistic) ? column.maxStatistic : undefined,
      peer: null,
      format: fmtStatistic,
    });
  }
  const notes = tally
    ? [
        `1: actions over ${WINDOWS} windows: ${Object.entries(tally.actions).map(([a, n]) => `${a} ${n}`).join(', ')}`,
        `1: mean statistic over the windows: ${[...tally.columns.entries()].map(([name, c]) => `${name} ${fmtStatistic(c.sum / c.checked)}`).join(', ')}`,
        ...tally.retrainReasons.map((reason) => `1: retrain ${reason}`),
      ]
    : [];
  if (tally) progress(`1: ${tally.retrain} retrain, ${tally.datasetDrift} dataset drift, ${tally.predictionDrift} prediction drift`);
  return { rows, failures: log.failures, notes };
}
