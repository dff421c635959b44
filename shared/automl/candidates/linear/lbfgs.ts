import { ARMIJO, MAX_HALVINGS, dot, maxAbs } from './objective.js';
import type { SmoothObjective, SolverOptions, SolverResult } from './objective.js';

/** Curvature pairs kept by L-BFGS. */
const HISTORY = 10;

/**
 * Limited-memory BFGS (two-loop recursion, `HISTORY` pairs, initial scaling sᵀy/yᵀy) with a
 * backtracking Armijo line search; for objectives whose Hessian is too costly to form. Needs
 * only `evaluate` with a gradient. Stops on the gradient tolerance, after `maxIterations`, or when
 * even a steepest-descent step cannot decrease f (`stepTolerance` is not used). Deterministic.
 */
export function minimizeLbfgs(objective: SmoothObjective, theta0: Float64Array, options: SolverOptions): SolverResult {
  const dim = objective.dim;
  let theta = Float64Array.from(theta0);
  let grad = new Float64Array(dim);
  let value = objective.evaluate(theta, grad, null);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alphas = new Float64Array(HISTORY);
  const direction = new Float64Array(dim);
  let iterations = 0;
  let converged = false;

  while (iterations < options.maxIterations) {
    if (maxAbs(grad) <= options.gradientTolerance) {
      converged = true;
      break;
    }
    // Two-loop recursion: direction = −H·grad.
    for (let i = 0; i < dim; i++) direction[i] = -grad[i];
    for (let m = sHist.length - 1; m >= 0; m--) {
      const a = rhoHist[m] * dot(sHist[m], direction);
      alphas[m] = a;
      const ym = yHist[m];
      for (let i = 0; i < dim; i++) direction[i] -= a * ym[i];
    }
    if (sHist.length > 0) {
      const last = sHist.length - 1;
      const gamma = dot(sHist[last], yHist[last]) / dot(yHist[last], yHist[last]);
      for (let i = 0; i < dim; i++) direction[i] *= gamma;
    } else {
      const norm = Math.sqrt(dot(grad, grad));
      const scale = Math.min(1, 1 / norm);
      for (let i = 0; i < dim; i++) direction[i] *= scale;
    }
    for (let m = 0; m < sHist.length; m++) {
      const b = rhoHist[m] * dot(yHist[m], direction);
      const sm = sHist[m];
      for (let i = 0; i < dim; i++) direction[i] += (alphas[m] - b) * sm[i];
    }
    let slope = dot(grad, direction);
    if (!(slope < 0)) {
      if (sHist.length === 0) break; // the gradient itself is unusable (non-finite)
      // Not a descent direction (lost curvature information): restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      continue;
    }
    iterations++;

    let step = 1;
    let accepted = false;
    let trial = new Float64Array(dim);
    const trialGrad = new Float64Array(dim);
    let trialValue = value;
    for (let h = 0; h <= MAX_HALVINGS; h++) {
      for (let i = 0; i < dim; i++) trial[i] = theta[i] + step * direction[i];
      trialValue = objective.evaluate(trial, trialGrad, null);
      if (trialValue <= value + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      if (sHist.length === 0) {
        converged = true; // even a steepest-descent step cannot decrease f: converged to rounding
        break;
      }
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      continue;
    }
    const s = new Float64Array(dim);
    const yv = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = trial[i] - theta[i];
      yv[i] = trialGrad[i] - grad[i];
    }
    const sy = dot(s, yv);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
      if (sHist.length === HISTORY) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(yv);
      rhoHist.push(1 / sy);
    }
    theta = trial;
    trial = new Float64Array(dim);
    grad = Float64Array.from(trialGrad);
    value = trialValue;
  }
  return { theta, value, iterations, converged };
}
