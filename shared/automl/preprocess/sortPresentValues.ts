/**
 * The present (non-NaN) values of a numeric column, ascending: exactly what
 * `values.filter((v) => !Number.isNaN(v)).sort()` returns (TypedArray order: numeric, −0 before
 * +0), in linear time for large columns.
 *
 * Large columns are sorted by an LSD radix sort on the IEEE-754 bits as unsigned 64-bit keys
 * (sign bit flipped for positives, all bits flipped for negatives, which orders keys as the
 * numbers), four stable passes of 16-bit digits, skipping a pass whose digit is the same for every
 * value (integer-valued columns skip most). Small columns, and big-endian hosts, use the
 * built-in sort.
 */

/** Below this many values the built-in sort is as fast (a radix pass clears 65,536 counters). */
const RADIX_MIN_VALUES = 32_768;

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

export function sortPresentValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const present = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present[k++] = values[i];
  if (n < RADIX_MIN_VALUES || !LITTLE_ENDIAN) return present.sort();
  radixSort(present);
  return present;
}

/** Sorts `values` (no NaN) ascending in place. */
function radixSort(values: Float64Array): void {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const negative = h >>> 31;
    lo[i] = negative ? ~words[2 * i] : words[2 * i];
    hi[i] = negative ? ~h : h ^ 0x80000000;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const shift = (pass & 1) * 16;
    const digits = pass < 2 ? lo : hi;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(digits[i] >>> shift) & 0xffff]++;
    if (counts[(digits[0] >>> shift) & 0xffff] === n) continue;
    for (let d = 0, sum = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = counts[(digits[i] >>> shift) & 0xffff]++;
      lo2[j] = lo[i];
      hi2[j] = hi[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const positive = h >>> 31;
    words[2 * i] = positive ? lo[i] : ~lo[i];
    words[2 * i + 1] = positive ? h ^ 0x80000000 : ~h;
  }
}
