import type { AnyCandidate } from '../candidates/catalog.js';
import type { Encoding, FittedModel } from '../candidates/candidate.js';
import { asProbabilities } from '../candidates/probabilityOutputs.js';
import { crossValidate, type CrossValidation } from '../evaluation/crossValidate.js';
import type { PreparedSplit } from '../evaluation/preparedSplit.js';
import { PRIMARY_METRIC, compareScores, primaryScore } from '../evaluation/taskMetrics.js';
import type { Task } from '../task.js';
import type { Clock } from '../../ports/clock.js';
import { fixProcedure } from './candidateProcedure.js';
import type { LeaderboardEntry } from './reports.js';
import type { TimeBudget } from './timeBudget.js';
import type { TrainingEvent } from './trainingEvents.js';

/** A candidate scored by cross-validation and fitted on the train split with its best parameters. */
export interface EvaluatedCandidate {
  readonly entry: LeaderboardEntry;
  readonly candidate: AnyCandidate;
  readonly params: Record<string, unknown>;
  /** The model fitted on the train split, whose test figures the entry reports. */
  readonly model: FittedModel<Encoding>;
  readonly testPredictions: Float64Array;
  readonly validation: CrossValidation;
}

export type CandidateOutcome = { readonly evaluated: EvaluatedCandidate } | { readonly skipped: string };

export interface EvaluationContext {
  readonly final: PreparedSplit;
  readonly folds: readonly PreparedSplit[];
  readonly task: Task;
  readonly nClasses: number;
  readonly seed: number;
  readonly clock: Clock;
  readonly budget: TimeBudget;
  /** The first candidate of the run: never skipped by the budget. */
  readonly first: boolean;
  /** Whether the chosen candidate is refitted on all rows afterwards (one more fit to budget for). */
  readonly refit: boolean;
  /** Seconds each encoding of the train split took, measured once and charged to every candidate using it. */
  readonly encodeSeconds: Map<Encoding, number>;
  readonly onEvent?: (event: TrainingEvent) => void;
}

/**
 * Scores every parameter set of a candidate on the same folds by the task's primary metric,
 * keeps the best by validation mean (ties: the first set), fits it on the whole train split and
 * scores it on the test split. The procedure is fixed once from the train split's size (see
 * candidateProcedure.ts). Skipped, with the reason, when it does not support the task or no
 * longer fits the time budget.
 */
export function evaluateCandidate(candidate: AnyCandidate, context: EvaluationContext): CandidateOutcome {
  const { final, folds, task, nClasses, seed, clock, budget, first, onEvent } = context;
  if (!candidate.supports(task)) return { skipped: `does not support ${task}` };
  const refused = budget.refuseStart(first);
  if (refused) return { skipped: refused };
  onEvent?.({ type: 'candidate_started', candidate: candidate.name });
  const paramSets = candidate.paramSets(task).map((params) => fixProcedure(candidate.name, params, final.yTrain.length));
  const metric = PRIMARY_METRIC[task];
  const fitsLeft = paramSets.length * folds.length + 1 + (context.refit ? 1 : 0);
  const start = clock.monotonicMs();
  let budgetReason: string | undefined;
  const trials: { params: Record<string, unknown>; validation: CrossValidation }[] = [];
  for (const [index, params] of paramSets.entries()) {
    const validation = crossValidate(candidate, params, folds, task, nClasses, seed, (fold, score) => {
      onEvent?.({ type: 'fold_scored', candidate: candidate.name, paramSet: index + 1, paramSets: paramSets.length, fold, score });
      if (index > 0 || fold > 0) return true;
      // After the first fold of the first parameter set: project the rest from its time.
      const foldSeconds = (clock.monotonicMs() - start) / 1000;
      budgetReason = budget.refuseRest(first, foldSeconds, fitsLeft - 1);
      return budgetReason === undefined;
    });
    if (!validation) return { skipped: budgetReason ?? 'stopped' };
    trials.push({ params, validation });
  }
  const best = trials.reduce((a, b) => (compareScores(metric, b.validation.mean, a.validation.mean) < 0 ? b : a));

  const encodeStart = clock.monotonicMs();
  const X = final.train(candidate.encoding);
  if (!context.encodeSeconds.has(candidate.encoding)) context.encodeSeconds.set(candidate.encoding, (clock.monotonicMs() - encodeStart) / 1000);
  const fitStart = clock.monotonicMs();
  const model = candidate.fit({ X, y: final.yTrain, task, nClasses }, best.params, { seed });
  const fitSeconds = (clock.monotonicMs() - fitStart) / 1000 + (context.encodeSeconds.get(candidate.encoding) ?? 0);
  const testPredictions = asProbabilities(model.predict(final.test(candidate.encoding)), task, nClasses);
  const entry: LeaderboardEntry = {
    candidate: candidate.name,
    primary_metric: metric,
    cv_mean: best.validation.mean,
    cv_std: best.validation.std,
    test: primaryScore(task, final.yTest, testPredictions, nClasses),
    fit_seconds: fitSeconds,
    rows_used: (model as { rowsUsed?: number }).rowsUsed ?? final.yTrain.length,
    params: best.params,
  };
  onEvent?.({ type: 'candidate_finished', entry });
  return { evaluated: { entry, candidate, params: best.params, model, testPredictions, validation: best.validation } };
}
