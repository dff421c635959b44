import { z } from 'zod';
import { higherIsBetter } from '../automl/evaluation/taskMetrics.js';
import type { TrainingMetrics } from '../automl/training/reports.js';
import { sixDecimals } from './formatFigure.js';

/** Minimum test ROC AUC for a first binary model: clearly better than chance. */
export const MIN_FIRST_AUC = 0.55;

export const DecisionSchema = z.enum(['promoted', 'rejected']);

/** What the policy decides about a candidate, and why (the registry stores it in the verdict). */
export const JudgementSchema = z.object({ decision: DecisionSchema, reason: z.string() });
export type Judgement = z.infer<typeof JudgementSchema>;

/**
 * Whether a candidate should replace production, from the test figures in `metrics.json`.
 *
 * - No production model: promote if the candidate beats a trivial baseline on its test split
 *   (binary ROC AUC ≥ `MIN_FIRST_AUC`; regression R² > 0, i.e. better than the mean;
 *   multiclass log loss < ln k, i.e. better than uniform guessing).
 * - Otherwise: promote only if the candidate's primary metric on its test split is strictly
 *   better than production's. Different tasks or metrics are not comparable: rejected.
 *   (A plain comparison for now; a later issue makes it statistically rigorous.)
 */
export function judgeCandidate(candidate: TrainingMetrics, production?: TrainingMetrics): Judgement {
  const metric = candidate.primary_metric;
  const score = candidate.test[metric];
  if (!Number.isFinite(score)) return { decision: 'rejected', reason: `candidate ${metric} is not finite` };
  if (!production) return judgeFirst(candidate);
  if (production.primary_metric !== metric || production.task !== candidate.task) {
    return {
      decision: 'rejected',
      reason: `not comparable: candidate is ${candidate.task}/${metric}, production is ${production.task}/${production.primary_metric}`,
    };
  }
  const incumbent = production.test[metric];
  const better = higherIsBetter(metric) ? score > incumbent : score < incumbent;
  const comparison = `${metric} ${sixDecimals(score)} vs production ${sixDecimals(incumbent)}`;
  return better ? { decision: 'promoted', reason: `better: ${comparison}` } : { decision: 'rejected', reason: `not better: ${comparison}` };
}

function judgeFirst(candidate: TrainingMetrics): Judgement {
  const { test } = candidate;
  if (candidate.task === 'binary') {
    return test.roc_auc >= MIN_FIRST_AUC
      ? { decision: 'promoted', reason: `first model: roc_auc ${sixDecimals(test.roc_auc)} ≥ ${MIN_FIRST_AUC}` }
      : { decision: 'rejected', reason: `first model fails validation: roc_auc ${sixDecimals(test.roc_auc)} < ${MIN_FIRST_AUC}` };
  }
  if (candidate.task === 'regression') {
    return test.r2 > 0
      ? { decision: 'promoted', reason: `first model: r2 ${sixDecimals(test.r2)} > 0` }
      : { decision: 'rejected', reason: `first model fails validation: r2 ${sixDecimals(test.r2)} ≤ 0 (no better than the mean)` };
  }
  const uniform = Math.log(candidate.n_classes);
  return test.log_loss < uniform
    ? { decision: 'promoted', reason: `first model: log_loss ${sixDecimals(test.log_loss)} < ln k = ${sixDecimals(uniform)}` }
    : { decision: 'rejected', reason: `first model fails validation: log_loss ${sixDecimals(test.log_loss)} ≥ ln k = ${sixDecimals(uniform)}` };
}
