/**
 * A minimal WebAssembly binary writer, enough for the histogram kernel (histogramKernel.ts): one
 * module importing its memory as `env.mem`, functions of i32 parameters, and the handful of
 * instructions it uses, named as in the WebAssembly text format (`local.get`, `f64x2.add`, …).
 * Encodings follow the WebAssembly core specification 2.0 (binary format, §5) with the fixed-width
 * SIMD proposal: LEB128 integers, sections by id, one byte (or 0xfd + LEB128) per opcode.
 *
 * The runtime is reached through `globalThis.WebAssembly` (typed here, as the project compiles
 * without the DOM library); {@link wasmRuntime} is undefined where it is missing.
 */

/** The part of the WebAssembly JavaScript API used here. */
export interface WasmRuntime {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
  validate(bytes: Uint8Array): boolean;
}

export const wasmRuntime: WasmRuntime | undefined = (globalThis as { WebAssembly?: WasmRuntime }).WebAssembly;

/** Bytes of one WebAssembly memory page. */
export const WASM_PAGE = 65536;

export const I32 = 0x7f;
export const V128 = 0x7b;

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function vec(items: readonly number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return vec(Array.from(text, (c) => [c.charCodeAt(0)]));
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/** memarg: log2 of the alignment hint, then the static offset. */
const memarg = (alignLog2: number, offset: number): number[] => [alignLog2, ...uleb(offset)];
const simd = (opcode: number): number[] => [0xfd, ...uleb(opcode)];

/** Instructions, each as its bytes. */
export const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32Const: (v: number) => [0x41, ...sleb(v)],
  f64Const: (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)],
  i32Load: (offset = 0) => [0x28, ...memarg(2, offset)],
  i32Load16u: (offset = 0) => [0x2f, ...memarg(1, offset)],
  i32Load8u: (offset = 0) => [0x2d, ...memarg(0, offset)],
  i32Store: (offset = 0) => [0x36, ...memarg(2, offset)],
  i32Store16: (offset = 0) => [0x3b, ...memarg(1, offset)],
  f64Load: (offset = 0) => [0x2b, ...memarg(3, offset)],
  f64Store: (offset = 0) => [0x39, ...memarg(3, offset)],
  /** v128.load / v128.store with an 8-byte alignment hint (histogram bins are 24 bytes apart). */
  v128Load: (offset = 0) => [...simd(0x00), ...memarg(3, offset)],
  v128Store: (offset = 0) => [...simd(0x0b), ...memarg(3, offset)],
  f64x2Add: simd(0xf0),
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Xor: [0x73],
  i32Clz: [0x67],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  f64Add: [0xa0],
  /** block / loop with no result type. */
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
  /** select: a, b, condition on the stack → condition ≠ 0 ? a : b. */
  select: [0x1b],
  /** memory.copy (bulk memory): dst, src, length on the stack. */
  memoryCopy: [0xfc, ...uleb(10), 0x00, 0x00],
};

/** One function: its i32 parameter count, i32 result count (0 or 1), extra locals (type, count) and instruction bytes. */
export interface WasmFunction {
  readonly name: string;
  readonly params: number;
  readonly results: 0 | 1;
  readonly locals: readonly (readonly [type: number, count: number])[];
  readonly body: ArrayLike<number>;
}

/**
 * A growing byte buffer, for generated code too large to build by array spreads (a spread copies
 * through the iterator, and large ones are slow): `emit` appends, `bytes()` is a view of the result.
 */
export class ByteBuffer {
  private data = new Uint8Array(4096);
  length = 0;

  emit(part: ArrayLike<number>): this {
    if (this.length + part.length > this.data.length) {
      const grown = new Uint8Array(Math.max(this.data.length * 2, this.length + part.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    for (let i = 0; i < part.length; i++) this.data[this.length + i] = part[i];
    this.length += part.length;
    return this;
  }

  bytes(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/** A module that imports `env.mem` (at least `minPages`) and exports `functions`. */
export function assembleModule(functions: readonly WasmFunction[], minPages = 1): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [I32])), ...vec(f.results ? [[I32]] : [])]);
  const imports = [[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(minPages)]];
  const code = new ByteBuffer().emit(uleb(functions.length));
  for (const f of functions) {
    const locals = vec(f.locals.map(([type, count]) => [...uleb(count), type]));
    code.emit(uleb(locals.length + f.body.length + op.end.length)).emit(locals).emit(f.body).emit(op.end);
  }
  return new ByteBuffer()
    .emit([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])
    .emit(section(1, vec(types)))
    .emit(section(2, vec(imports)))
    .emit(section(3, vec(functions.map((_, i) => uleb(i)))))
    .emit(section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))))
    .emit([10, ...uleb(code.length)])
    .emit(code.bytes())
    .bytes();
}
