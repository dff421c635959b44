/**
 * Figure 2: detection. The first window of 1,000 rows resampled (seeded) from the held-out rows,
 * one numeric feature shifted by a multiple of its training std (`feature_statistics.json` of the
 * same run: the population std of the 64,000 training-split rows), the model predicting on the
 * shifted rows; checked and judged on its own like the windows of figure 1. The action of that
 * FIRST window (target for HbA1c_level +1 std: retrain) and its reasons (in the notes); the same
 * for blood_glucose_level +1 std and HbA1c_level +0.5 std, for information. The three cases shift
 * the same rows.
 */
import { createRandom } from '../../shared/automl/util/random.js';
import type { Figure } from '../report.js';
import { FailureLog, progress } from '../support/context.js';
import type { DriftDataset, DriftModel } from './driftModel.js';
import { WINDOW_ROWS } from './falseAlarms.js';
import { actionCode, fmtAction, retrainTarget, type DriftFigureRows } from './rows.js';
import { checkWindow, resample, servedRows } from './windows.js';

const NOW = '2025-06-01T12:00:00.000Z';

interface Case {
  readonly column: string;
  readonly stds: number;
  readonly targeted: boolean;
}

const CASES: readonly Case[] = [
  { column: 'HbA1c_level', stds: 1, targeted: true },
  { column: 'blood_glucose_level', stds: 1, targeted: false },
  { column: 'HbA1c_level', stds: 0.5, targeted: false },
];

function trainingStd(model: DriftModel, column: string): number {
  const stats = model.statistics.features[column];
  if (stats?.type !== 'numeric') throw new Error(`'${column}' has no numeric training statistics`);
  return stats.std;
}

export function detection(data: DriftDataset | undefined, model: DriftModel | undefined, seed: number): DriftFigureRows {
  const log = new FailureLog();
  const rows: Figure[] = [];
  const notes: string[] = [];
  const window = data && resample(data.heldOut, WINDOW_ROWS, createRandom(seed));
  for (const { column, stds, targeted } of CASES) {
    const outcome =
      data && model && window
        ? log.attempt(`detection ${column} +${stds} std`, () => {
            const std = trainingStd(model, column);
            const checked = checkWindow(model, servedRows(data, model, window, { column, delta: stds * std }), {}, NOW);
            return { std, ...checked };
          })
        : undefined;
    const what = `${column} +${stds} std`;
    rows.push({
      label: `2  first window, ${what}${outcome ? ` (+${(stds * outcome.std).toPrecision(4)})` : ''}: decision${targeted ? '' : ' (info)'}`,
      ours: outcome && actionCode(outcome.decision.action),
      peer: null,
      format: fmtAction,
      ...(targeted ? { target: retrainTarget } : {}),
    });
    if (outcome) {
      const { result, decision } = outcome;
      const drifted = Object.entries(result.columns)
        .filter(([, c]) => c.drift)
        .map(([name, c]) => `${name} ${c.stattest} ${c.statistic?.toPrecision(3)}`);
      notes.push(`2: ${what}: ${decision.action} — ${decision.reasons.join('; ')}`);
      notes.push(
        `2:   drifted columns ${drifted.length === 0 ? 'none' : drifted.join(', ')}; prediction ${result.prediction_drift?.stattest} ` +
          `${result.prediction_drift?.statistic?.toPrecision(3)} (drift ${result.prediction_drift?.drift})`,
      );
      progress(`2 ${what}: ${decision.action}`);
    }
  }
  return { rows, failures: log.failures, notes };
}
