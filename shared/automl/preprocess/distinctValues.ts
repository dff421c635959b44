/**
 * The distinct present (non-NaN) values of a numeric column with their counts, ascending — the
 * runs of `sortPresentValues(values)` — by hashing the IEEE-754 bits (open addressing), in one
 * pass, for columns of few distinct values (ages, lab levels, codes), where sorting every row is
 * the cost of fitting the bins. Values are distinct by bits, so −0 and +0 stay two entries (−0
 * first, as the sort orders them); callers that compare with `===` merge them (see
 * quantileBinEdges.ts). Returns null as soon as there are more than `cap` distinct values.
 */
export interface DistinctValues {
  /** Ascending; −0 before +0. */
  readonly values: Float64Array;
  readonly counts: Int32Array;
  /** Number of present values (the sum of the counts). */
  readonly present: number;
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

export function countDistinct(values: Float64Array, cap: number): DistinctValues | null {
  if (!LITTLE_ENDIAN) return null;
  let bits = 4;
  while (1 << bits < 2 * cap) bits++;
  const size = 1 << bits;
  const mask = size - 1;
  // Fibonacci hashing: the top bits of the product depend on every bit of the key (round
  // numbers have all-zero low words).
  const shift = 32 - bits;
  const slotOf = (lo: number, hi: number): number => Math.imul(lo ^ Math.imul(hi, 0x85ebca77), 0x9e3779b1) >>> shift;
  const keyLo = new Uint32Array(size);
  const keyHi = new Uint32Array(size);
  const count = new Int32Array(size);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  let distinct = 0;
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    present++;
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    let slot = slotOf(lo, hi);
    for (;;) {
      if (count[slot] === 0) {
        if (++distinct > cap) return null;
        keyLo[slot] = lo;
        keyHi[slot] = hi;
        count[slot] = 1;
        break;
      }
      if (keyLo[slot] === lo && keyHi[slot] === hi) {
        count[slot]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const sorted = new Float64Array(distinct);
  const sortedWords = new Uint32Array(sorted.buffer);
  for (let slot = 0, k = 0; slot < size; slot++) {
    if (count[slot] === 0) continue;
    sortedWords[2 * k] = keyLo[slot];
    sortedWords[2 * k + 1] = keyHi[slot];
    k++;
  }
  sorted.sort();
  // Counts in sorted order: look each value's slot up again.
  const counts = new Int32Array(distinct);
  for (let k = 0; k < distinct; k++) {
    const lo = sortedWords[2 * k];
    const hi = sortedWords[2 * k + 1];
    let slot = slotOf(lo, hi);
    while (keyLo[slot] !== lo || keyHi[slot] !== hi) slot = (slot + 1) & mask;
    counts[k] = count[slot];
  }
  return { values: sorted, counts, present };
}
