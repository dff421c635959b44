import { InvalidInputError } from '../../automl/errors.js';
import { durbinMatrixCdf } from './durbinMatrix.js';
import { pelzGoodCdf } from './pelzGood.js';
import { smirnovOneSidedSf } from './smirnovOneSidedSf.js';

/** How `kolmogorovSf` evaluates a point: a closed form, an exact method, or the asymptotic series. */
export type KolmogorovMethod = 'closed form' | 'durbin' | 'smirnov' | 'pelz-good';

/**
 * The method for P(D_n ≥ x), chosen by n and n·x² as Simard & L'Ecuyer 2011 recommend
 * (their recommended algorithm; the thresholds are mirrored from scipy's `kstwo.sf`, so that the
 * results agree with it):
 *
 * - closed forms at the ends: x ≤ 1/(2n) → 1; 1/(2n) < x ≤ 1/n → 1 − n!/nⁿ (2nx − 1)ⁿ
 *   (Ruben & Gambino 1982); x ≥ 1 − 1/n → 2(1 − x)ⁿ; n x² ≥ 370 → 0 (below 2e-321);
 * - x ≥ ½ → 2 P(D_n⁺ ≥ x) ('smirnov'; the two one-sided events are then disjoint, so exact);
 * - n ≤ 140: n x² < 4 → 1 − the exact cdf ('durbin'; the paper's Durbin/Pomeranz split at
 *   n x² = 0.754693 is for speed only, both being exact), else 2 P(D_n⁺ ≥ x) ('smirnov');
 * - n > 140: n x² ≥ 2.2 → 2 P(D_n⁺ ≥ x) ('smirnov'); else 1 − Durbin's exact cdf when
 *   n ≤ 100000 and n x^(3/2) < 1.4 ('durbin'), and 1 − the Pelz–Good series otherwise.
 */
export function kolmogorovMethod(x: number, n: number): KolmogorovMethod {
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`kolmogorovSf: n must be a positive integer, got ${n}`);
  if (!Number.isFinite(x)) throw new InvalidInputError(`kolmogorovSf: x must be finite, got ${x}`);
  const t = n * x * x;
  if (x <= 1 / n || x >= 1 - 1 / n || t >= 370) return 'closed form';
  if (x >= 0.5) return 'smirnov';
  if (n <= 140) return t < 4 ? 'durbin' : 'smirnov';
  if (t >= 2.2) return 'smirnov';
  return n <= 100000 && n * x ** 1.5 < 1.4 ? 'durbin' : 'pelz-good';
}

/** The closed forms at the ends of the range (see `kolmogorovMethod`). */
function closedForm(x: number, n: number): number {
  if (x <= 1 / (2 * n)) return 1;
  if (x <= 1 / n) {
    let cdf = 1; // n!/nⁿ (2nx − 1)ⁿ as the product of the factors (i/n)(2nx − 1), each ≤ 1
    for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * n * x - 1);
    return 1 - cdf;
  }
  if (x >= 1) return 0;
  if (x >= 1 - 1 / n) return 2 * (1 - x) ** n;
  return 0; // n x² ≥ 370
}

/**
 * The survival function P(D_n ≥ x) of the one-sample two-sided Kolmogorov–Smirnov statistic
 * D_n = sup |F_n − F| for a finite n (scipy's `kstwo.sf(x, n)`), by the method
 * `kolmogorovMethod` picks: closed forms, Durbin's matrix (`durbinMatrixCdf`), twice the
 * Birnbaum–Tingey one-sided sum (`smirnovOneSidedSf`) or the Pelz–Good series (`pelzGoodCdf`).
 * Clipped to [0, 1]. n must be a positive integer, x finite; x ≤ 0 gives 1 and x ≥ 1 gives 0.
 */
export function kolmogorovSf(x: number, n: number): number {
  let p: number;
  switch (kolmogorovMethod(x, n)) {
    case 'closed form':
      p = closedForm(x, n);
      break;
    case 'smirnov':
      p = 2 * smirnovOneSidedSf(n, x);
      break;
    case 'durbin':
      p = 1 - durbinMatrixCdf(n, x);
      break;
    case 'pelz-good':
      p = 1 - pelzGoodCdf(n, x);
      break;
  }
  return Math.min(1, Math.max(0, p));
}
