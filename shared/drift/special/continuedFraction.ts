import { InvalidInputError } from '../../automl/errors.js';

const TINY = 1e-300;
const MAX_TERMS = 100_000;

/**
 * The value of the continued fraction a_1/(b_1 + a_2/(b_2 + a_3/(b_3 + ⋯))), with the modified
 * Lentz method (Lentz 1976, modified by Thompson and Barnett 1986): the ratios of successive
 * convergents C_j = b_j + a_j / C_{j−1} and D_j = 1 / (b_j + a_j D_{j−1}) multiply into the value,
 * a zero denominator replaced by 1e-300, until a factor C_j D_j is within 2ε of 1.
 * `numerator(j)` and `denominator(j)` give a_j and b_j for j = 1, 2, …
 */
export function continuedFraction(numerator: (j: number) => number, denominator: (j: number) => number): number {
  let f = TINY;
  let c = f;
  let d = 0;
  for (let j = 1; j <= MAX_TERMS; j++) {
    const a = numerator(j);
    const b = denominator(j);
    d = b + a * d;
    if (d === 0) d = TINY;
    c = b + a / c;
    if (c === 0) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 2 * Number.EPSILON) return f;
  }
  throw new InvalidInputError(`continuedFraction: no convergence in ${MAX_TERMS} terms`);
}
