/** A coordinate for the markup: rounded to 1 decimal, without a trailing `.0` (keeps the SVG small). */
export function svgNumber(x: number): string {
  return String(Math.round(x * 10) / 10);
}
