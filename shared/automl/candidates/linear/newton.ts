import { ARMIJO, MAX_HALVINGS, dot, maxAbs } from './objective.js';
import type { SmoothObjective, SolverOptions, SolverResult } from './objective.js';
import { solveSymmetric } from './symmetricSolve.js';

/**
 * Damped Newton minimization (IRLS for logistic losses): step d = −H⁻¹g solved by Cholesky, then
 * halved until the Armijo condition holds. Stops on the gradient or step tolerance, after
 * `maxIterations`, or when no halving decreases f (converged to rounding). Deterministic.
 */
export function minimizeNewton(objective: SmoothObjective, theta0: Float64Array, options: SolverOptions): SolverResult {
  const dim = objective.dim;
  let theta = Float64Array.from(theta0);
  const grad = new Float64Array(dim);
  const hess = new Float64Array(dim * dim);
  const trial = new Float64Array(dim);
  let value = Number.NaN;
  let iterations = 0;
  let converged = false;

  while (iterations < options.maxIterations) {
    value = objective.evaluate(theta, grad, hess);
    if (maxAbs(grad) <= options.gradientTolerance) {
      converged = true;
      break;
    }
    const negGrad = new Float64Array(dim);
    for (let i = 0; i < dim; i++) negGrad[i] = -grad[i];
    let direction = solveSymmetric(hess, dim, negGrad);
    let slope = dot(grad, direction);
    if (!(slope < 0)) {
      direction = negGrad;
      slope = dot(grad, direction);
    }
    iterations++;

    let step = 1;
    let accepted = false;
    for (let h = 0; h <= MAX_HALVINGS; h++) {
      for (let i = 0; i < dim; i++) trial[i] = theta[i] + step * direction[i];
      const trialValue = objective.evaluate(trial, null, null);
      if (trialValue <= value + ARMIJO * step * slope) {
        accepted = true;
        value = trialValue;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      // No decrease is possible at this precision: θ is the minimizer to rounding.
      converged = true;
      break;
    }
    theta = Float64Array.from(trial);
    if (step * maxAbs(direction) <= options.stepTolerance) {
      converged = true;
      break;
    }
  }
  return { theta, value, iterations, converged };
}
