/** A figure in a decision's reason, to 4 significant digits, trailing zeros dropped (0.1234, 1.007). */
export function significant(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

/** A metric in a promotion reason, to 6 decimals, trailing zeros dropped (0.91, 0.556319). */
export function sixDecimals(value: number): string {
  return Number(value.toFixed(6)).toString();
}
