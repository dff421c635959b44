/**
 * The rows of each leaf of the tree being grown, as LightGBM's DataPartition: one Int32Array of row
 * indices where every leaf owns a contiguous range `[leafStart[l], leafStart[l] + leafCount[l])`.
 * A split partitions the leaf's range in place (stably, so rows stay ascending and column reads
 * stay cache-friendly): the left child keeps the leaf's id, the right child gets a new id.
 *
 * The partition of a range is delegated to a {@link RowPartitioner} (growthBackend.ts: the
 * JavaScript loops below, or their WebAssembly twins in growthKernel.ts).
 */

/**
 * Partitions `rows[start .. end)` stably by feature `feature`: rows whose code is ≤ `threshold`
 * (`goesLeft` null) or has `goesLeft[code] = 1` first, then the others. Returns the index just
 * past the left rows.
 */
export type RowPartitioner = (start: number, end: number, feature: number, threshold: number, goesLeft: Uint8Array | null) => number;

export class DataPartition {
  readonly leafStart: Int32Array;
  readonly leafCount: Int32Array;
  /** Per-code 0/1 "goes left" table of the split being applied. */
  private readonly table = new Uint8Array(256);
  /** 0, 1, …, nRows − 1: what {@link reset} copies. */
  private readonly allRows: Int32Array;

  /** `indices`: the row indices grouped by leaf (length nRows), which `partitionRows` rearranges. */
  constructor(
    readonly indices: Int32Array,
    maxLeaves: number,
    private readonly partitionRows: RowPartitioner,
  ) {
    this.leafStart = new Int32Array(maxLeaves);
    this.leafCount = new Int32Array(maxLeaves);
    this.allRows = Int32Array.from({ length: indices.length }, (_, i) => i);
  }

  /** Puts all rows `0 .. nRows)` in leaf 0. */
  reset(): void {
    this.indices.set(this.allRows);
    this.leafStart[0] = 0;
    this.leafCount[0] = this.indices.length;
  }

  /**
   * Splits `leaf` by a node of tree.ts on `feature`: the codes in `categories` go left when given,
   * else codes ≤ `threshold` and, when ≥ 0, the code `missingLeft`; the other rows move to
   * `rightLeaf`. Plain thresholds partition by comparison, the others through a per-code table.
   * Returns the number of rows that went left.
   */
  splitNode(
    leaf: number, feature: number, threshold: number, missingLeft: number, categories: Uint8Array | null, rightLeaf: number,
  ): number {
    let goesLeft: Uint8Array | null = null;
    if (categories !== null || missingLeft >= 0) {
      goesLeft = this.table;
      if (categories) {
        goesLeft.fill(0);
        for (const c of categories) goesLeft[c] = 1;
      } else {
        for (let c = 0; c < 256; c++) goesLeft[c] = c <= threshold || c === missingLeft ? 1 : 0;
      }
    }
    const start = this.leafStart[leaf];
    const end = start + this.leafCount[leaf];
    const left = this.partitionRows(start, end, feature, threshold, goesLeft);
    const leftCount = left - start;
    this.leafCount[leaf] = leftCount;
    this.leafStart[rightLeaf] = left;
    this.leafCount[rightLeaf] = end - left;
    return leftCount;
  }
}

/**
 * The JavaScript partition of `rows[start .. end)` by `column` (see {@link RowPartitioner}), with
 * `scratch` (as long as `rows`) holding the right-hand rows meanwhile.
 */
export function partitionRows(
  rows: Int32Array, scratch: Int32Array, column: Uint8Array, start: number, end: number, threshold: number, goesLeft: Uint8Array | null,
): number {
  return goesLeft === null ? byThreshold(rows, scratch, column, start, end, threshold) : byTable(rows, scratch, column, start, end, goesLeft);
}

function byThreshold(rows: Int32Array, scratch: Int32Array, column: Uint8Array, start: number, end: number, threshold: number): number {
  // Branchless: each row is written to both sides and only the matching cursor advances (the
  // left cursor never passes the read cursor, so writing in place is safe). Comparisons on
  // real data are unpredictable, and mispredicted branches would dominate this loop.
  let left = start;
  let right = 0;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const goRight = (threshold - column[r]) >>> 31;
    rows[left] = r;
    scratch[right] = r;
    left += 1 - goRight;
    right += goRight;
  }
  rows.set(scratch.subarray(0, right), left);
  return left;
}

function byTable(rows: Int32Array, scratch: Int32Array, column: Uint8Array, start: number, end: number, goesLeft: Uint8Array): number {
  let left = start;
  let right = 0;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const toLeft = goesLeft[column[r]];
    rows[left] = r;
    scratch[right] = r;
    left += toLeft;
    right += 1 - toLeft;
  }
  rows.set(scratch.subarray(0, right), left);
  return left;
}
