/**
 * The rows of each leaf of the tree being grown, as LightGBM's DataPartition: one Int32Array of row
 * indices where every leaf owns a contiguous range `[leafStart[l], leafStart[l] + leafCount[l])`.
 * A split partitions the leaf's range in place (stably, so rows stay ascending and column reads
 * stay cache-friendly): the left child keeps the leaf's id, the right child gets a new id.
 */
export class DataPartition {
  /** Row indices grouped by leaf. */
  readonly indices: Int32Array;
  readonly leafStart: Int32Array;
  readonly leafCount: Int32Array;
  /** Scratch for the right-hand rows during a split. */
  private readonly scratch: Int32Array;
  /** Per-code 0/1 "goes left" table of the split being applied. */
  private readonly table = new Uint8Array(256);

  constructor(nRows: number, maxLeaves: number) {
    this.indices = new Int32Array(nRows);
    this.scratch = new Int32Array(nRows);
    this.leafStart = new Int32Array(maxLeaves);
    this.leafCount = new Int32Array(maxLeaves);
  }

  /** Puts all rows `0 .. nRows)` in leaf 0. */
  reset(): void {
    const { indices } = this;
    for (let i = 0; i < indices.length; i++) indices[i] = i;
    this.leafStart[0] = 0;
    this.leafCount[0] = indices.length;
  }

  /**
   * Splits `leaf`: rows with `column[row] ≤ threshold` stay in `leaf`, the others move to
   * `rightLeaf`. Returns the number of rows that went left.
   */
  split(leaf: number, column: Uint8Array, threshold: number, rightLeaf: number): number {
    const { indices, scratch } = this;
    const start = this.leafStart[leaf];
    const end = start + this.leafCount[leaf];
    // Branchless: each row is written to both sides and only the matching cursor advances (the
    // left cursor never passes the read cursor, so writing in place is safe). Comparisons on
    // real data are unpredictable, and mispredicted branches would dominate this loop.
    let left = start;
    let right = 0;
    for (let i = start; i < end; i++) {
      const r = indices[i];
      const goRight = (threshold - column[r]) >>> 31;
      indices[left] = r;
      scratch[right] = r;
      left += 1 - goRight;
      right += goRight;
    }
    indices.set(scratch.subarray(0, right), left);
    const leftCount = left - start;
    this.leafCount[leaf] = leftCount;
    this.leafStart[rightLeaf] = left;
    this.leafCount[rightLeaf] = right;
    return leftCount;
  }

  /**
   * Splits `leaf` by a node of tree.ts: the codes in `categories` go left when given, else codes
   * ≤ `threshold` and, when ≥ 0, the code `missingLeft`. Plain thresholds partition by comparison,
   * the others through a per-code table. Returns the number of rows that went left.
   */
  splitNode(
    leaf: number, column: Uint8Array, threshold: number, missingLeft: number, categories: Uint8Array | null, rightLeaf: number,
  ): number {
    if (categories === null && missingLeft < 0) return this.split(leaf, column, threshold, rightLeaf);
    const table = this.table;
    if (categories) {
      table.fill(0);
      for (const c of categories) table[c] = 1;
    } else {
      for (let c = 0; c < 256; c++) table[c] = c <= threshold || c === missingLeft ? 1 : 0;
    }
    return this.splitByTable(leaf, column, table, rightLeaf);
  }

  /**
   * Splits `leaf` by a per-code table: rows with `goesLeft[column[row]] = 1` stay in `leaf`, the
   * others move to `rightLeaf` (missing-direction and categorical splits). Returns the left count.
   */
  splitByTable(leaf: number, column: Uint8Array, goesLeft: Uint8Array, rightLeaf: number): number {
    const { indices, scratch } = this;
    const start = this.leafStart[leaf];
    const end = start + this.leafCount[leaf];
    let left = start;
    let right = 0;
    for (let i = start; i < end; i++) {
      const r = indices[i];
      const toLeft = goesLeft[column[r]];
      indices[left] = r;
      scratch[right] = r;
      left += toLeft;
      right += 1 - toLeft;
    }
    indices.set(scratch.subarray(0, right), left);
    const leftCount = left - start;
    this.leafCount[leaf] = leftCount;
    this.leafStart[rightLeaf] = left;
    this.leafCount[rightLeaf] = right;
    return leftCount;
  }
}
