import type { SmoothObjective, SolverOptions, SolverResult } from './objective.js';
import { minimizeLbfgs } from './lbfgs.js';
import { minimizeNewton } from './newton.js';

/** Which minimizer a logistic fit uses; `auto` picks by the cost of forming the Hessian. */
export type LogisticSolver = 'auto' | 'newton' | 'lbfgs';

/**
 * `auto` uses Newton while one Hessian pass costs at most this many multiply-adds: binary IRLS
 * (80,000 × 15 is ≈ 1.1e7, ≈ 0.25 s in all); the multinomial Hessian pass is slower per
 * multiply-add and L-BFGS measured several times faster beyond small problems, hence its lower cap.
 */
export const NEWTON_WORK_BUDGET = { binary: 4e7, multinomial: 4e6 } as const;
/** … and while the Hessian is at most this many parameters wide. */
export const NEWTON_MAX_DIM = 200;

/** Newton: 100 iterations, |∇f|∞ ≤ 1e-10·n (f sums over rows, so its gradient scales with n). */
export function newtonOptions(rows: number): SolverOptions {
  return { gradientTolerance: 1e-10 * Math.max(1, rows), stepTolerance: 1e-10, maxIterations: 100 };
}

/** L-BFGS: 1000 iterations, |∇f|∞ ≤ 1e-8·n. */
export function lbfgsOptions(rows: number): SolverOptions {
  return { gradientTolerance: 1e-8 * Math.max(1, rows), stepTolerance: 0, maxIterations: 1000 };
}

/**
 * Minimizes a logistic objective: Newton when `hessianWork` (multiply-adds of one Hessian pass) is
 * within `workBudget` and the dimension is small, else L-BFGS, unless `solver` forces one.
 * Deterministic either way.
 */
export function minimizeLogistic(
  objective: SmoothObjective,
  theta0: Float64Array,
  rows: number,
  hessianWork: number,
  workBudget: number,
  solver: LogisticSolver,
): SolverResult & { readonly solver: 'newton' | 'lbfgs' } {
  const useNewton =
    solver === 'newton' || (solver === 'auto' && objective.dim <= NEWTON_MAX_DIM && hessianWork <= workBudget);
  return useNewton
    ? { ...minimizeNewton(objective, theta0, newtonOptions(rows)), solver: 'newton' }
    : { ...minimizeLbfgs(objective, theta0, lbfgsOptions(rows)), solver: 'lbfgs' };
}
