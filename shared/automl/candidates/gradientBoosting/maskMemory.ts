/**
 * The WebAssembly side of maskedScores.ts: one memory per scorer holding its mask tables and leaf
 * values (copied once) and a neutral table of −1s, then, for a batch of up to `capacity` rows, the
 * composite code columns (codes × 4, plus the all-zero column padding entries read), `possible`
 * and the scores, which maskKernel.ts's passes run over. A bigger batch gets a new memory.
 * Regions are 16-byte aligned.
 *
 * With at most four composites, a tree of one pass runs as `onePass` over the four columns (the
 * composites it does not split on read the neutral table), two such consecutive trees of the
 * same score as `twoPass`; other trees run as andPass… finalPass. Scores get the trees' values
 * in tree order either way.
 */
import { instantiateMaskKernel, type MaskKernel } from './maskKernel.js';
import { WASM_PAGE } from './wasmAssembler.js';

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;
/** Largest memory asked for (1 GiB); bigger batches use the JavaScript loops. */
const MAX_PAGES = 16384;
/** Entries of the neutral table: at least the largest composite (COMPOSITE_CAP). */
const NEUTRAL_ENTRIES = 512;

/** The passes of the masked trees (see MaskedScorer). */
export interface MaskPasses {
  readonly table: Int32Array;
  readonly leafValues: Float64Array;
  readonly passStart: Int32Array;
  readonly passComposite: Int32Array;
  readonly passOffset: Int32Array;
  readonly maskTrees: Int32Array;
  readonly allLeaves: Int32Array;
  readonly leafBase: Int32Array;
  /** Composite columns, the zero column not counted. */
  readonly nComposites: number;
}

export class MaskMemory {
  /** The composite columns (the last one all zeros), for the caller to fill. */
  readonly columns: Uint16Array[];
  private readonly columnAt: number[];
  private readonly possibleAt: number;
  private readonly outAt: number;
  /** Per masked tree: its four table bases over the shared columns, or null when it takes several passes. */
  private readonly sharedBases: (readonly number[] | null)[];
  private readonly sharedColumns: readonly number[];

  private constructor(
    private readonly kernel: MaskKernel,
    private readonly passes: MaskPasses,
    readonly capacity: number,
    private readonly k: number,
    private readonly leafValuesAt: number,
    columnsAt: number,
  ) {
    const { buffer } = kernel;
    new Int32Array(buffer, 0, passes.table.length).set(passes.table);
    const neutral = 4 * passes.table.length;
    new Int32Array(buffer, neutral, NEUTRAL_ENTRIES).fill(-1);
    new Float64Array(buffer, leafValuesAt, passes.leafValues.length).set(passes.leafValues);
    const columnBytes = align16(2 * capacity);
    this.columnAt = Array.from({ length: passes.nComposites + 1 }, (_, g) => columnsAt + g * columnBytes);
    this.columns = this.columnAt.map((at) => new Uint16Array(buffer, at, capacity));
    this.possibleAt = columnsAt + (passes.nComposites + 1) * columnBytes;
    this.outAt = align16(this.possibleAt + 4 * capacity);
    const shared = passes.nComposites <= 4;
    this.sharedColumns = [0, 1, 2, 3].map((g) => this.columnAt[Math.min(g, passes.nComposites)]);
    this.sharedBases = Array.from(passes.maskTrees, (_, m) => {
      const from = passes.passStart[m];
      if (!shared || passes.passStart[m + 1] - from !== 4) return null;
      const bases = [neutral, neutral, neutral, neutral];
      for (let j = from; j < from + 4; j++) {
        const g = passes.passComposite[j];
        if (g < passes.nComposites) bases[g] = 4 * passes.passOffset[j];
      }
      return bases;
    });
  }

  /** A memory for batches of up to `rows` rows and `k` scores per row, or null when none can be had. */
  static create(passes: MaskPasses, rows: number, k: number): MaskMemory | null {
    const capacity = Math.max(1024, 2 ** Math.ceil(Math.log2(Math.max(1, rows))));
    const leafValuesAt = align16(4 * (passes.table.length + NEUTRAL_ENTRIES));
    const columnsAt = align16(leafValuesAt + 8 * passes.leafValues.length);
    const total = columnsAt + (passes.nComposites + 1) * align16(2 * capacity) + align16(4 * capacity) + 8 * capacity * k;
    const pages = Math.ceil(total / WASM_PAGE);
    const kernel = pages <= MAX_PAGES ? instantiateMaskKernel(pages) : null;
    return kernel ? new MaskMemory(kernel, passes, capacity, k, leafValuesAt, columnsAt) : null;
  }

  /** Whether a batch of `rows` rows with `k` scores fits. */
  fits(rows: number, k: number): boolean {
    return rows <= this.capacity && k === this.k;
  }

  /** Adds the masked trees' outputs to `out` (row-major `rows × k`), `columns` filled for `rows` rows. */
  addScores(rows: number, out: Float64Array): void {
    const { kernel, passes, columnAt, possibleAt, k } = this;
    const { passStart, passComposite, passOffset, maskTrees, allLeaves, leafBase } = passes;
    const scores = new Float64Array(kernel.buffer, this.outAt, rows * k);
    scores.set(out.subarray(0, rows * k));
    this.columns[passes.nComposites].fill(0, 0, rows);
    new Int32Array(kernel.buffer, possibleAt, rows).fill(-1);
    const col = (j: number): number => columnAt[passComposite[j]];
    const tab = (j: number): number => 4 * passOffset[j];
    const [c1, c2, c3, c4] = this.sharedColumns;
    const top = (m: number): number => this.leafValuesAt + 8 * (leafBase[m] + 31);
    for (let m = 0; m < maskTrees.length; m++) {
      const t = this.sharedBases[m];
      const outAt = this.outAt + 8 * (maskTrees[m] % k);
      if (t) {
        const u = k === 1 && m + 1 < maskTrees.length ? this.sharedBases[m + 1] : null;
        if (u) {
          kernel.twoPass(rows, c1, c2, c3, c4, t[0], t[1], t[2], t[3], allLeaves[m], top(m), outAt, 8 * k, u[0], u[1], u[2], u[3], allLeaves[m + 1], top(m + 1));
          m++;
        } else {
          kernel.onePass(rows, c1, c2, c3, c4, t[0], t[1], t[2], t[3], allLeaves[m], top(m), outAt, 8 * k);
        }
        continue;
      }
      let j = passStart[m];
      const last = passStart[m + 1] - 4;
      for (; j < last; j += 4) {
        kernel.andPass(possibleAt, rows, col(j), tab(j), col(j + 1), tab(j + 1), col(j + 2), tab(j + 2), col(j + 3), tab(j + 3));
      }
      kernel.finalPass(
        possibleAt, rows, col(j), tab(j), col(j + 1), tab(j + 1), col(j + 2), tab(j + 2), col(j + 3), tab(j + 3),
        allLeaves[m], top(m), outAt, 8 * k,
      );
    }
    out.set(scores);
  }
}
