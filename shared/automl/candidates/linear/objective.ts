/**
 * A smooth convex objective over a parameter vector θ of length `dim`. `evaluate` returns f(θ);
 * when `grad` is given it receives ∇f(θ), when `hess` is given it receives the Hessian (dim×dim,
 * row-major; at least the upper triangle filled). Buffers are overwritten, not accumulated into.
 */
export interface SmoothObjective {
  readonly dim: number;
  evaluate(theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null): number;
}

/** Stopping rules shared by the solvers. */
export interface SolverOptions {
  /** Converged when max |∇f| ≤ gradientTolerance. */
  readonly gradientTolerance: number;
  /** Converged when an accepted step moves no coordinate by more than this. */
  readonly stepTolerance: number;
  readonly maxIterations: number;
}

export interface SolverResult {
  readonly theta: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** max |v_i|. */
export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Σ a_i b_i. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Armijo sufficient-decrease constant for the backtracking line searches. */
export const ARMIJO = 1e-4;
/** Step halvings tried before a line search gives up. */
export const MAX_HALVINGS = 40;
