/**
 * A covariate shift by resampling, so that P(y | x) stays the reference's (what CBPE assumes,
 * and what "covariate shift" means): each row gets the exponential-tilting weight
 * w = exp(Σ_k λ_k z_k) (z: the feature standardized), with λ solved by Newton's method so the
 * weighted mean of each feature is its mean plus the asked delta (the log-partition's gradient is
 * the weighted mean, its Hessian the weighted covariance). Rows are then drawn with replacement
 * with probability ∝ w. Also the effective sample size (Σw)² / Σw² of the weights.
 */
import { Matrix, solve } from 'ml-matrix';
import type { Random } from '../../shared/automl/util/random.js';

export interface TiltTarget {
  readonly values: ArrayLike<number>;
  readonly delta: number;
}

export interface Tilt {
  readonly weights: Float64Array;
  readonly lambdas: number[];
  /** The weighted mean of each feature (the reached target). */
  readonly means: number[];
  readonly effectiveRows: number;
}

export function tiltWeights(targets: readonly TiltTarget[]): Tilt {
  const n = targets[0].values.length;
  const k = targets.length;
  const stats = targets.map(({ values }) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
    return { mean, std: Math.sqrt(ss / n) };
  });
  const z = targets.map(({ values }, j) => Float64Array.from(values, (v) => (v - stats[j].mean) / stats[j].std));
  const goal = targets.map(({ delta }, j) => delta / stats[j].std);
  let lambdas = new Array<number>(k).fill(0);
  let weights = new Float64Array(n);
  for (let iteration = 0; iteration < 50; iteration++) {
    let max = Number.NEGATIVE_INFINITY;
    const logits = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += lambdas[j] * z[j][i];
      logits[i] = s;
      max = Math.max(max, s);
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += (weights[i] = Math.exp(logits[i] - max));
    const mean = z.map((zj) => zj.reduce((a, v, i) => a + v * weights[i], 0) / total);
    const gradient = mean.map((m, j) => m - goal[j]);
    if (Math.max(...gradient.map(Math.abs)) < 1e-10) break;
    const hessian = Matrix.zeros(k, k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) c += weights[i] * (z[a][i] - mean[a]) * (z[b][i] - mean[b]);
        hessian.set(a, b, c / total);
      }
    }
    const step = solve(hessian, Matrix.columnVector(gradient)).to1DArray();
    lambdas = lambdas.map((l, j) => l - step[j]);
  }
  let sum = 0;
  let squares = 0;
  for (const w of weights) {
    sum += w;
    squares += w * w;
  }
  const means = targets.map(({ values }) => Array.from(values).reduce((a, v, i) => a + v * weights[i], 0) / sum);
  return { weights, lambdas, means, effectiveRows: (sum * sum) / squares };
}

/** `size` indices of `pool` drawn with replacement, row i with probability ∝ weights[i]. */
export function weightedResample(pool: ArrayLike<number>, weights: Float64Array, size: number, random: Random): Int32Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) cumulative[i] = total += weights[i];
  const out = new Int32Array(size);
  for (let s = 0; s < size; s++) {
    const u = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out[s] = pool[lo];
  }
  return out;
}
