/**
 * What bench:drift's figures add to bench/report.ts: notes printed under the table (reasons,
 * the model, parity checks), and the cell formats of counts, statistics and decision actions.
 * A decision action is carried as a number so the table's target column can judge it:
 * retrain = 1, keep = 0, insufficient_data = −1 (target "retrain" = at least 1).
 */
import type { DriftAction } from '../../shared/decision/driftDecisionSchemas.js';
import { atLeast, type FigureRows, type Target } from '../report.js';

export interface DriftFigureRows extends FigureRows {
  /** Lines printed under the table. */
  readonly notes: readonly string[];
}

export const fmtCount = (v: number) => String(v);
export const fmtStatistic = (v: number) => (v === 0 ? '0' : Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));
export const fmtMillis = (v: number) => `${(v * 1000).toPrecision(3)} ms`;

const ACTION_CODES: Readonly<Record<DriftAction, number>> = { retrain: 1, keep: 0, insufficient_data: -1 };

export function actionCode(action: DriftAction): number {
  return ACTION_CODES[action];
}

export function fmtAction(code: number): string {
  return (Object.entries(ACTION_CODES).find(([, c]) => c === code)?.[0] ?? '?') as string;
}

export const retrainTarget: Target = atLeast(1, 'retrain');
