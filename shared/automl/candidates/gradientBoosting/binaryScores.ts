/**
 * The training scores of the binary log-loss (loss.ts): scores with `expNeg[i] = e^(−s_i)` kept
 * alongside, updated multiplicatively (one exp per leaf, not per row), so gradients need no exp
 * per row. An entry that under/overflowed to 0 or ∞ is recomputed from the score, so the cache
 * never gets stuck there.
 *
 * A tree's leaf values are applied lazily: `addLeafValues` keeps them (and a copy of the rows'
 * leaves) and the next `gradients` adds them in the same pass that computes the gradients — the
 * same operations per row as applying them at once (`s += v`, `e *= e^(−v)`, then p = 1/(1 + e)),
 * so the same bits, one pass over the rows fewer. Reading `scores` applies what is pending.
 */
import type { ScoreState } from './loss.js';

export function binaryState(baseScores: Float64Array, n: number): ScoreState {
  const scores = new Float64Array(n).fill(baseScores[0]);
  const expNeg = new Float64Array(n).fill(Math.exp(-baseScores[0]));
  const pendingLeaf = new Uint16Array(n);
  let pendingValues: Float64Array | null = null;
  let pendingFactors = new Float64Array(0);

  const apply = (): void => {
    const values = pendingValues;
    if (!values) return;
    for (let r = 0; r < n; r++) {
      const leaf = pendingLeaf[r];
      scores[r] += values[leaf];
      expNeg[r] *= pendingFactors[leaf];
    }
    pendingValues = null;
  };

  return {
    get scores() {
      apply();
      return scores;
    },
    addLeafValues(_c, leafOf, values) {
      apply();
      pendingLeaf.set(leafOf.subarray(0, n));
      pendingValues = Float64Array.from(values);
      pendingFactors = pendingValues.map((value) => Math.exp(-value));
    },
    gradients(y, grad, hess) {
      const values = pendingValues;
      const factors = pendingFactors;
      pendingValues = null;
      for (let i = 0; i < n; i++) {
        let e = expNeg[i];
        if (values) {
          const leaf = pendingLeaf[i];
          scores[i] += values[leaf];
          e *= factors[leaf];
          expNeg[i] = e;
        }
        if (!(e > 0 && e < Infinity)) {
          e = Math.exp(-scores[i]);
          expNeg[i] = e;
        }
        const p = 1 / (1 + e);
        grad[i] = p - y[i];
        hess[i] = p * (1 - p);
      }
    },
  };
}
