/** Rescale a matrix power once an entry passes this; a power of two, so rescaling is exact. */
const BIG = 2 ** 400;

/** A square matrix power with its scale: the true value is `entries` · BIG^`exponent`. */
interface Scaled {
  readonly entries: Float64Array;
  readonly exponent: number;
}

/**
 * a·b for two powers of the same Durbin matrix H, size × size, row-major. H is persymmetric
 * (H_ij = H_{m+1−j, m+1−i}: its Toeplitz part depends on i − j only and its first column is its
 * last row reversed), so every power of it is too: only the entries with i + j ≤ m − 1 (0-based)
 * are summed, the others copied. `hessenberg` says b is H itself (zero right of the superdiagonal).
 */
function multiply(a: Scaled, b: Scaled, size: number, hessenberg: boolean): Scaled {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const row = i * size;
    const lastColumn = size - 1 - i;
    for (let l = 0; l < size; l++) {
      const ail = a.entries[row + l];
      if (ail === 0) continue;
      const column = l * size;
      const end = hessenberg ? Math.min(lastColumn, l + 1) : lastColumn;
      for (let j = 0; j <= end; j++) out[row + j] += ail * b.entries[column + j];
    }
  }
  let largest = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size - 1 - i; j++) {
      const value = out[i * size + j];
      out[(size - 1 - j) * size + (size - 1 - i)] = value;
      largest = Math.max(largest, value);
    }
    largest = Math.max(largest, out[i * size + size - 1 - i]);
  }
  let exponent = a.exponent + b.exponent;
  if (largest > BIG) {
    for (let i = 0; i < out.length; i++) out[i] /= BIG;
    exponent += 1;
  }
  return { entries: out, exponent };
}

/**
 * Durbin's matrix H for d = (k − h)/n, m = 2k − 1 (Durbin 1973, "Distribution Theory for Tests
 * Based on the Sample Distribution Function", SIAM; as restated by Marsaglia, Tsang & Wang 2003,
 * J. Stat. Softw. 8(18), and by Simard & L'Ecuyer 2011, section 2): H_ij = 1/(i − j + 1)! for
 * i − j + 1 ≥ 0 and 0 above the superdiagonal, except the first column H_i1 = (1 − hⁱ)/i!, the
 * last row H_mj = (1 − h^(m−j+1))/(m − j + 1)! and the corner H_m1 = (1 − 2hᵐ + max(0, 2h − 1)ᵐ)/m!
 * (1-based indices).
 */
function durbinH(k: number, h: number): Float64Array {
  const m = 2 * k - 1;
  const factorial = new Float64Array(m + 1);
  factorial[0] = 1;
  for (let i = 1; i <= m; i++) factorial[i] = factorial[i - 1] * i;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= Math.min(i + 1, m - 1); j++) H[i * m + j] = 1 / factorial[i - j + 1];
  }
  for (let i = 0; i < m; i++) {
    H[i * m] -= h ** (i + 1) / factorial[i + 1];
    H[(m - 1) * m + i] -= h ** (m - i) / factorial[m - i];
  }
  // The corner was lowered twice by hᵐ/m!; add back the overlap term.
  if (2 * h - 1 > 0) H[(m - 1) * m] += (2 * h - 1) ** m / factorial[m];
  return H;
}

/**
 * The one-sample two-sided Kolmogorov–Smirnov cdf P(D_n < d) by Durbin's matrix formula
 * (Durbin 1973; Simard & L'Ecuyer 2011, section 2): with k = ⌊n d⌋ + 1 and h = k − n d ∈ (0, 1],
 * P(D_n < d) = n!/nⁿ · (Hⁿ)_kk. Hⁿ is taken by binary powering from the leading bit (square,
 * then times H for a 1 bit). Every entry of H is ≥ 0, so the products have no cancellation, and
 * overflow is avoided by carrying a power-of-2⁴⁰⁰ scale beside the entries (also for n!/nⁿ,
 * formed as the product of i/n). Exact up to rounding for any n, in O(k³ log n) time: meant for
 * small n·d (m = 2k − 1 is the matrix size).
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const k = Math.floor(n * d) + 1;
  const h = k - n * d;
  const m = 2 * k - 1;
  const H: Scaled = { entries: durbinH(k, h), exponent: 0 };
  let power = H;
  for (let bit = Math.floor(Math.log2(n)) - 1; bit >= 0; bit--) {
    power = multiply(power, power, m, false);
    if (Math.floor(n / 2 ** bit) % 2 === 1) power = multiply(power, H, m, true);
  }
  let value = power.entries[(k - 1) * m + (k - 1)];
  let scale = power.exponent;
  for (let i = 1; i <= n; i++) {
    value *= i / n;
    if (value < 1 / BIG) {
      value *= BIG;
      scale -= 1;
    }
  }
  for (; scale > 0 && value < 1; scale--) value *= BIG;
  for (; scale < 0 && value > 0; scale++) value /= BIG;
  return Math.min(1, value);
}
