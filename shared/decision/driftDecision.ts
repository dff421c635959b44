import { significant } from './formatFigure.js';
import type { ColumnDrift, DriftResult } from '../drift/driftResult.js';
import {
  DriftDecisionContextSchema,
  type DriftDecision,
  type DriftDecisionContext,
  type DriftDecisionContextInput,
} from './driftDecisionSchemas.js';

/**
 * Decides what to do about one drift-check window: `keep`, `retrain` or `insufficient_data`.
 *
 * - Insufficient data: every feature column (and the prediction, if the result has one) is
 *   `insufficient_data`, or fewer feature columns are checked than `minColumns`. Never drift, never
 *   retrain; the consecutive count is passed on unchanged.
 * - Large drift is any of: dataset drift; drift of one of the top-k features (ranked by the stored
 *   importance, highest first, ties broken by name in code-point order; a feature without a checked
 *   column cannot drift); prediction drift; multivariate drift (the reconstruction error outside
 *   its band); a drop of the performance estimated without labels (CBPE: any metric below its
 *   band); concept drift (`context.conceptDrift`: the live quality dropped, even with no feature
 *   drifted). Each adds one reason naming the figures.
 * - Hysteresis: a large-drift window makes the count `previousConsecutive + 1`, any other checked
 *   window resets it to 0; retrain only when the count reaches `consecutiveWindows` (M).
 * - Cooldown: while `now` is before `lastRetrainAt + cooldownMinutes` the action is `keep`, with a
 *   reason saying when the cooldown ends; the count still counts.
 * - Hold: while `context.hold` says why (the post-promotion guard is still waiting for labeled
 *   rows of a fresh promotion, whose fate is the guard's to decide), the action is `keep`, with it as a reason.
 * - A `keep` blocked by several of hysteresis, cooldown and hold states each reason.
 *
 * Pure: the current instant comes in `context.now`. An invalid context throws zod's error.
 */
export function decideOnDrift(result: DriftResult, contextInput: DriftDecisionContextInput): DriftDecision {
  const context = DriftDecisionContextSchema.parse(contextInput);
  const { settings, previousConsecutive } = context;

  const shortage = context.conceptDrift === null ? insufficiency(result, settings.minColumns) : null;
  if (shortage) {
    return {
      action: 'insufficient_data',
      reasons: [shortage, `consecutive large-drift count kept at ${previousConsecutive}`],
      large_drift: false,
      consecutive_drifted_windows: previousConsecutive,
    };
  }

  const top = topFeatures(context.importances, settings.topK);
  const signals = [...largeDriftReasons(result, top, settings.topK), ...(context.conceptDrift === null ? [] : [context.conceptDrift])];
  if (signals.length === 0) {
    return { action: 'keep', reasons: [noLargeDrift(result, top, settings.topK)], large_drift: false, consecutive_drifted_windows: 0 };
  }

  const consecutive = previousConsecutive + 1;
  const needed = settings.consecutiveWindows;
  const blockers: string[] = [];
  if (consecutive < needed) {
    blockers.push(`hysteresis: ${consecutive} of ${needed} consecutive large-drift windows, no retrain before ${needed}`);
  }
  const cooldownEnd = cooldownEndOf(context);
  if (cooldownEnd !== null && Date.parse(context.now) < cooldownEnd) {
    blockers.push(
      `cooldown: last retrain at ${context.lastRetrainAt}, no retrain within ${settings.cooldownMinutes} minutes; ` +
        `the cooldown ends at ${new Date(cooldownEnd).toISOString()}`,
    );
  }
  if (context.hold !== null) blockers.push(context.hold);
  const counted = needed > 1 && blockers.length === 0 ? [`${consecutive} consecutive large-drift windows (≥ ${needed})`] : [];
  return {
    action: blockers.length === 0 ? 'retrain' : 'keep',
    reasons: [...signals, ...counted, ...blockers],
    large_drift: true,
    consecutive_drifted_windows: consecutive,
  };
}

/** Why the window cannot be judged, or null when it can. */
function insufficiency(result: DriftResult, minColumns: number | undefined): string | null {
  const columns = Object.values(result.columns);
  const checked = columns.filter((column) => column.status === 'checked').length;
  const prediction = result.prediction_drift;
  if (checked === 0 && (!prediction || prediction.status === 'insufficient_data')) {
    const predictionToo = prediction ? ' and the prediction' : '';
    return `insufficient data: none of the ${columns.length} columns${predictionToo} had enough rows to check`;
  }
  if (minColumns !== undefined && checked < minColumns) {
    return `insufficient data: ${checked} of ${columns.length} columns checked, fewer than the minimum of ${minColumns}`;
  }
  return null;
}

/** The k most important features: highest importance first, ties broken by name (code-point order). */
export function topFeatures(importances: Record<string, number>, k: number): string[] {
  return Object.entries(importances)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, k)
    .map(([name]) => name);
}

function largeDriftReasons(result: DriftResult, top: string[], k: number): string[] {
  const reasons: string[] = [];
  if (result.dataset_drift) {
    reasons.push(
      `dataset drift: ${result.number_of_drifted_columns} of ${result.number_of_columns} columns drifted ` +
        `(share ${significant(result.drift_share)})`,
    );
  }
  for (const name of top) {
    const column = result.columns[name];
    if (column && drifted(column)) reasons.push(`top-${k} feature '${name}' drifted (${figures(column)})`);
  }
  const prediction = result.prediction_drift;
  if (prediction && drifted(prediction)) reasons.push(`prediction drift (${figures(prediction)})`);
  const multivariate = result.multivariate_drift;
  if (multivariate?.drift) {
    const band = `(${multivariate.threshold.lower === null ? '0' : significant(multivariate.threshold.lower)}, ${significant(multivariate.threshold.upper)})`;
    reasons.push(`multivariate drift: reconstruction error ${significant(multivariate.reconstruction_error)} outside ${band}`);
  }
  const estimated = result.estimated_performance;
  const drops = estimated ? Object.entries(estimated.metrics).filter(([, metric]) => metric.drop) : [];
  if (drops.length > 0) {
    const listed = drops.map(([name, metric]) => `${name} ${significant(metric.estimated ?? Number.NaN)} < ${significant(metric.lower ?? Number.NaN)}`);
    reasons.push(`estimated performance drop (CBPE, no labels): ${listed.join(', ')}`);
  }
  return reasons;
}

function noLargeDrift(result: DriftResult, top: string[], k: number): string {
  const others = Object.entries(result.columns)
    .filter(([, column]) => drifted(column))
    .map(([name, column]) => `'${name}' (${figures(column)})`);
  const driftedOthers = others.length === 0 ? 'no column drifted' : `drifted outside the top ${k}: ${others.join(', ')}`;
  const topList = top.length === 0 ? 'no importances' : top.map((name) => `'${name}'`).join(', ');
  return `no large drift: no dataset drift, none of the top-${k} features (${topList}) drifted, no prediction drift; ${driftedOthers}`;
}

function drifted(column: ColumnDrift): boolean {
  return column.status === 'checked' && column.drift;
}

/** The test's figures: `ks p 0.001 ≤ 0.05` for a p-value test, `wasserstein 0.31 ≥ 0.1` for a distance. */
function figures(column: ColumnDrift): string {
  if (column.p_value !== null) return `${column.stattest} p ${significant(column.p_value)} ≤ ${significant(column.threshold)}`;
  return `${column.stattest} ${significant(column.statistic ?? Number.NaN)} ≥ ${significant(column.threshold)}`;
}

/** When the cooldown after the last retrain ends (epoch ms), or null without a last retrain. */
function cooldownEndOf(context: DriftDecisionContext): number | null {
  if (context.lastRetrainAt === null) return null;
  return Date.parse(context.lastRetrainAt) + context.settings.cooldownMinutes * 60_000;
}
