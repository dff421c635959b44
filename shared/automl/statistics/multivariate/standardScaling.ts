/**
 * Standard scaling as scikit-learn's `StandardScaler`: subtract the column mean and divide by the
 * population standard deviation (ddof 0). A constant column (its variance within rounding of 0,
 * by scikit-learn's `_is_constant_feature` bound n·ε·var + (n·mean·ε)²) gets the scale 1, so
 * it scales to 0 on the reference and any other value stays a finite deviation.
 */
export interface Scaling {
  readonly mean: number;
  readonly scale: number;
}

/** The mean and scale of a column of finite values (two passes). */
export function fitScaling(values: ArrayLike<number>): Scaling {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = n === 0 ? 0 : sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const variance = n === 0 ? 0 : squares / n;
  const eps = Number.EPSILON;
  const constant = variance <= n * eps * variance + (n * mean * eps) ** 2;
  return { mean, scale: constant ? 1 : Math.sqrt(variance) };
}

/** A value after scaling. */
export function scaled(value: number, scaling: Scaling): number {
  return (value - scaling.mean) / scaling.scale;
}
