/** A box as the page's `getBoundingClientRect()` or an SVG `getBBox()` gives it. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The first bytes of every PNG file. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Layout rounding: SVG coordinates have 1 decimal. */
export const EPSILON = 0.25;

/** Whether the box has an area. */
export const positive = (box: Box): boolean => box.width > 0 && box.height > 0;

/** Whether `inner` lies inside `outer`, to within `EPSILON`. */
export const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - EPSILON &&
  inner.y >= outer.y - EPSILON &&
  inner.x + inner.width <= outer.x + outer.width + EPSILON &&
  inner.y + inner.height <= outer.y + outer.height + EPSILON;

/** `#rrggbb` as the computed style writes it, `rgb(r, g, b)`. */
export function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
