/**
 * The WebAssembly side of maskedScores.ts: one memory per scorer and batch capacity holding its
 * mask tables and leaf values (copied once), the composite code columns of a batch of up to
 * `capacity` rows (codes × 4: byte offsets into a table) and its scores, with the scoring function
 * of fusedMaskKernel.ts made for that layout. A bigger batch gets a new memory. Regions are
 * 16-byte aligned.
 */
import { fusedMaskKernel, type FusedScoreFn, type FusedTree } from './fusedMaskKernel.js';
import { WASM_PAGE, wasmRuntime } from './wasmAssembler.js';

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;
/** Largest memory asked for (1 GiB); bigger batches use the JavaScript loops. */
const MAX_PAGES = 16384;

/** The passes of the masked trees (see MaskedScorer). */
export interface MaskPasses {
  readonly table: Int32Array;
  readonly leafValues: Float64Array;
  readonly passStart: Int32Array;
  /** Composite read by each pass entry; `nComposites` for a padding entry (nothing to read). */
  readonly passComposite: Int32Array;
  readonly passOffset: Int32Array;
  readonly maskTrees: Int32Array;
  readonly allLeaves: Int32Array;
  readonly leafBase: Int32Array;
  readonly nComposites: number;
  /** Number of codes of each composite. */
  readonly compositeSize: readonly number[];
}

/** The masked trees as the kernel reads them: each pass entry a lookup, padding dropped. */
function fusedTrees(passes: MaskPasses, leafValuesAt: number, k: number): FusedTree[] {
  return Array.from(passes.maskTrees, (t, m) => {
    const lookups: { composite: number; tableAt: number }[] = [];
    for (let j = passes.passStart[m]; j < passes.passStart[m + 1]; j++) {
      const g = passes.passComposite[j];
      if (g < passes.nComposites) lookups.push({ composite: g, tableAt: 4 * passes.passOffset[j] });
    }
    return { lookups, allLeaves: passes.allLeaves[m], leafAt: leafValuesAt + 8 * passes.leafBase[m], column: t % k };
  });
}

export class MaskMemory {
  /** The composite columns, for the caller to fill. */
  readonly columns: Uint16Array[];

  private constructor(
    private readonly buffer: ArrayBuffer,
    private readonly score: FusedScoreFn,
    readonly capacity: number,
    private readonly k: number,
    private readonly outAt: number,
    columnAt: readonly number[],
  ) {
    this.columns = columnAt.map((at) => new Uint16Array(buffer, at, capacity));
  }

  /** A memory for batches of up to `rows` rows and `k` scores per row, or null when none can be had. */
  static create(passes: MaskPasses, rows: number, k: number): MaskMemory | null {
    if (!wasmRuntime) return null;
    const capacity = Math.max(1024, 2 ** Math.ceil(Math.log2(Math.max(1, rows))));
    const leafValuesAt = align16(4 * passes.table.length);
    const columnsAt = align16(leafValuesAt + 8 * passes.leafValues.length);
    const columnBytes = align16(2 * capacity);
    const columnAt = Array.from({ length: passes.nComposites }, (_, g) => columnsAt + g * columnBytes);
    const outAt = columnsAt + passes.nComposites * columnBytes;
    const pages = Math.ceil((outAt + 8 * capacity * k) / WASM_PAGE);
    if (pages > MAX_PAGES) return null;
    let memory: { buffer: ArrayBuffer };
    try {
      memory = new wasmRuntime.Memory({ initial: pages, maximum: pages });
    } catch {
      return null;
    }
    const layout = { columnAt, compositeSize: passes.compositeSize, outAt, k, trees: fusedTrees(passes, leafValuesAt, k) };
    const score = fusedMaskKernel(memory, layout);
    if (!score) return null;
    new Int32Array(memory.buffer, 0, passes.table.length).set(passes.table);
    new Float64Array(memory.buffer, leafValuesAt, passes.leafValues.length).set(passes.leafValues);
    return new MaskMemory(memory.buffer, score, capacity, k, outAt, columnAt);
  }

  /** Whether a batch of `rows` rows with `k` scores fits. */
  fits(rows: number, k: number): boolean {
    return rows <= this.capacity && k === this.k;
  }

  /** Adds the masked trees' outputs to `out` (row-major `rows × k`), `columns` filled for `rows` rows. */
  addScores(rows: number, out: Float64Array): void {
    const scores = new Float64Array(this.buffer, this.outAt, rows * this.k);
    scores.set(out.subarray(0, rows * this.k));
    this.score(rows);
    out.set(scores);
  }
}
