import { InvalidInputError } from '../../automl/errors.js';

/**
 * B_{2k} / (2k (2k − 1)) for k = 1…8, from the Bernoulli numbers B_2 = 1/6, B_4 = −1/30,
 * B_6 = 1/42, B_8 = −1/30, B_10 = 5/66, B_12 = −691/2730, B_14 = 7/6, B_16 = −3617/510.
 */
const COEFFICIENTS = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/** Smallest argument the eight-term series is used for; its truncation error there is below 2e-21. */
export const STIRLING_MIN_ARGUMENT = 15;

/**
 * The remainder of Stirling's series, ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]
 * = Σ_{k=1}^{8} B_{2k} / (2k (2k − 1) z^{2k−1}) (DLMF 5.11.1, truncated after eight terms),
 * for z ≥ `STIRLING_MIN_ARGUMENT`. The series is asymptotic: at z ≥ 15 the first omitted term,
 * which bounds the error (DLMF 5.11(ii)), is |B_18| / (18 · 17 · 15^17) < 2e-21.
 */
export function stirlingCorrection(z: number): number {
  if (!(z >= STIRLING_MIN_ARGUMENT) || !Number.isFinite(z)) {
    throw new InvalidInputError(`stirlingCorrection: needs a finite z ≥ ${STIRLING_MIN_ARGUMENT}, got ${z}`);
  }
  const w = 1 / (z * z);
  let sum = 0;
  for (let k = COEFFICIENTS.length - 1; k >= 0; k--) sum = sum * w + COEFFICIENTS[k];
  return sum / z;
}
