import { createRandom, type Random } from '../../shared/automl/util/random.js';

/**
 * A digits-like CSV, shaped as scikit-learn's digits training split (load_digits: 8×8 images,
 * pixels 0–16, 10 classes; 1,347 rows = 75 % of its 1,797): columns `pixel_<row>_<col>` and the
 * integer label `target` (0 … classes − 1), rows in seeded order, classes balanced (round robin).
 *
 * The learnable structure: each class has a prototype image of three bright strokes (line
 * segments blurred by a Gaussian of σ = 0.7 px, peak 16). A row is its class prototype shifted by
 * −1, 0 or +1 px per axis (0 with probability 0.6), scaled by a stroke intensity in [0.7, 1.1],
 * plus Gaussian noise (σ = 2), rounded and clamped to 0 … 16. Border pixels are mostly 0, as in
 * the real data. Deterministic for a seed; `seed` also draws the prototypes.
 */
export interface DigitsLikeOptions {
  readonly rows?: number;
  readonly classes?: number;
  readonly seed?: number;
}

export const DIGITS_SIDE = 8;
export const DIGITS_MAX = 16;

export function digitsLikeCsv(options: DigitsLikeOptions = {}): string {
  const { rows = 1347, classes = 10, seed = 8 } = options;
  const random = createRandom(seed);
  const prototypes = Array.from({ length: classes }, () => prototype(random));
  const header = [];
  for (let r = 0; r < DIGITS_SIDE; r++) for (let c = 0; c < DIGITS_SIDE; c++) header.push(`pixel_${r}_${c}`);
  header.push('target');
  const lines = [header.join(',')];
  const labels = Array.from({ length: rows }, (_, i) => i % classes);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  for (const label of labels) lines.push([...sample(prototypes[label], random), label].join(','));
  return `${lines.join('\n')}\n`;
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** 64 intensities in [0, 16]: three blurred strokes between random points of the inner 6×6 grid. */
function prototype(random: Random): Float64Array {
  const image = new Float64Array(DIGITS_SIDE * DIGITS_SIDE);
  const point = () => [1 + random() * 5, 1 + random() * 5];
  for (let s = 0; s < 3; s++) {
    const [a, b] = [point(), point()];
    for (let r = 0; r < DIGITS_SIDE; r++) {
      for (let c = 0; c < DIGITS_SIDE; c++) {
        const d2 = segmentDistance2(r, c, a, b);
        image[r * DIGITS_SIDE + c] = Math.max(image[r * DIGITS_SIDE + c], DIGITS_MAX * Math.exp(-d2 / (2 * 0.7 * 0.7)));
      }
    }
  }
  return image;
}

/** Squared distance of pixel (r, c) to the segment a–b. */
function segmentDistance2(r: number, c: number, a: number[], b: number[]): number {
  const [dr, dc] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dr * dr + dc * dc;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((r - a[0]) * dr + (c - a[1]) * dc) / length2));
  const [pr, pc] = [a[0] + t * dr - r, a[1] + t * dc - c];
  return pr * pr + pc * pc;
}

function shift(random: Random): number {
  const u = random();
  return u < 0.2 ? -1 : u < 0.8 ? 0 : 1;
}

function sample(proto: Float64Array, random: Random): number[] {
  const [dy, dx] = [shift(random), shift(random)];
  const intensity = 0.7 + 0.4 * random();
  const pixels = new Array<number>(DIGITS_SIDE * DIGITS_SIDE);
  for (let r = 0; r < DIGITS_SIDE; r++) {
    for (let c = 0; c < DIGITS_SIDE; c++) {
      const [sr, sc] = [r - dy, c - dx];
      const inside = sr >= 0 && sr < DIGITS_SIDE && sc >= 0 && sc < DIGITS_SIDE;
      const value = (inside ? intensity * proto[sr * DIGITS_SIDE + sc] : 0) + 2 * normal(random);
      pixels[r * DIGITS_SIDE + c] = Math.min(DIGITS_MAX, Math.max(0, Math.round(value)));
    }
  }
  return pixels;
}
