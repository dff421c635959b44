import { z } from 'zod';
import type { Task } from '../../task.js';

/**
 * Hyper-parameters of the linear candidate, one shape per model kind:
 * - `ols`: ordinary least squares (scikit-learn's LinearRegression), regression only;
 * - `ridge`: least squares + `alpha`·||w||² (scikit-learn's Ridge), regression only;
 * - `logistic`: L2-penalized logistic regression, Σ logloss + ||w||²/(2C) (scikit-learn's
 *   LogisticRegression(C)); binary, or multinomial (softmax) for multiclass.
 */
export const LinearParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ols') }),
  z.strictObject({ kind: z.literal('ridge'), alpha: z.number().positive() }),
  z.strictObject({ kind: z.literal('logistic'), C: z.number().positive() }),
]);
export type LinearParams = z.infer<typeof LinearParamsSchema>;
export type LinearKind = LinearParams['kind'];

/** Whether a params kind fits a task: least squares for regression, logistic for classification. */
export function kindSupportsTask(kind: LinearKind, task: Task): boolean {
  return kind === 'logistic' ? task !== 'regression' : task === 'regression';
}

/** The parameter sets the engine compares by cross-validation for a task. */
export function defaultParamSets(task: Task): LinearParams[] {
  if (task === 'regression') return [{ kind: 'ols' }, { kind: 'ridge', alpha: 1.0 }];
  return [{ kind: 'logistic', C: 1.0 }];
}
