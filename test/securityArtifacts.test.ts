import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { ModelArtifactError } from '../shared/automl/errors.js';
import { parseModel, serializeModel } from '../shared/automl/pipeline/modelArtifact.js';
import type { Pipeline } from '../shared/automl/pipeline/pipeline.js';
import { createRowPredictor } from '../shared/automl/pipeline/rowPredictor.js';
import { trainModel } from '../shared/automl/training/trainModel.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { dataRecords, headOfData } from './support/datasets.js';
import { testTrainingEnvironment } from './support/manualClock.js';

/**
 * Security rule 5: nothing executes code from an artifact. A `model.json` is JSON.parse'd and
 * validated by zod; prototype keys, code in strings and non-JSON are refused or inert (the
 * predictions do not change and no global is touched). An architecture check: the source has no
 * eval, Function constructor, vm, or require/import of a computed path, and WebAssembly is
 * compiled only from the engine's own assembler.
 */
const CSV = headOfData('pima_indians_diabetes.csv', 300);
const RECORDS = dataRecords('pima_indians_diabetes.csv', 300, 20);
const MARKER = '__almArtifactMarker';
const PAYLOAD = `(() => { globalThis.${MARKER} = 1; return 0.5 })()`;

const MODELS: Record<string, Pipeline> = Object.fromEntries(
  (['linear', 'gradient_boosting', 'decision_tree'] as const).map((candidate) => [
    candidate,
    trainModel(parseCsv(CSV), { candidates: [candidate], cv_folds: 2 }, testTrainingEnvironment()).pipeline,
  ]),
);

/** `model.json` of `pipeline` after `mutate`, signed again: the checksum holds, so what refuses it (if anything) is the format. */
function tampered(pipeline: Pipeline, mutate: (json: any) => void): string {
  const json = JSON.parse(JSON.stringify(pipeline));
  mutate(json);
  const body = JSON.stringify(json);
  return `{"format":"alm-model","format_version":1,"sha256":"${sha256Hex(body)}","pipeline":${body}}`;
}

/** A key set as an own, enumerable property, as JSON.parse makes `"__proto__"` (never the prototype). */
function ownKey(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

function predictions(pipeline: Pipeline): number[][] {
  const predict = createRowPredictor(pipeline);
  return RECORDS.map((record) => [...predict(record)]);
}

/** Every object of a loaded value: prototypes are plain, and no value is a function. */
function inspect(value: unknown, path = 'pipeline', problems: string[] = []): string[] {
  if (typeof value === 'function') problems.push(`${path} is a function`);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== Array.prototype && !ArrayBuffer.isView(value)) problems.push(`${path} has a foreign prototype`);
    if (Object.hasOwn(value, '__proto__')) problems.push(`${path} keeps a __proto__ key`);
    for (const [key, child] of Object.entries(value)) inspect(child, `${path}.${key}`, problems);
  }
  return problems;
}

/**
 * Either refused as a ModelArtifactError when loaded (parsed, then made a predictor, as the
 * serving provider loads a version), or loaded inert: the same predictions, plain objects.
 */
function refusedOrInert(text: string, original: Pipeline): 'refused' | 'inert' {
  let loaded: Pipeline;
  try {
    loaded = parseModel(text);
    createRowPredictor(loaded);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelArtifactError);
    return 'refused';
  }
  expect(inspect(loaded)).toEqual([]);
  expect(predictions(loaded)).toEqual(predictions(original));
  return 'inert';
}

function expectNoGlobalTouched(): void {
  expect((globalThis as Record<string, unknown>)[MARKER]).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
}

describe.each(Object.keys(MODELS))('a tampered model.json (%s) is refused or inert', (name) => {
  const model = MODELS[name];

  it('loads untampered and predicts (the baseline)', () => {
    expect(predictions(parseModel(serializeModel(model)))).toEqual(predictions(model));
  });

  it.each(['pipeline', 'model', 'preprocessor', 'feature'])('ignores "__proto__" and "constructor" keys in the %s', (where) => {
    const text = tampered(model, (json) => {
      const target = where === 'pipeline' ? json : where === 'feature' ? json.features[0] : json[where];
      ownKey(target, '__proto__', { polluted: 'yes', threshold: 0.0001, candidate: 'linear' });
      ownKey(target, 'constructor', { prototype: { polluted: 'yes' } });
      ownKey(target, 'prototype', { polluted: 'yes' });
    });
    expect(text).toContain('"__proto__"');
    const outcome = refusedOrInert(text, model);
    expect(['refused', 'inert']).toContain(outcome);
    expectNoGlobalTouched();
  });

  it('refuses a function written as a string where a number belongs', () => {
    for (const payload of [PAYLOAD, 'function () { return 1 }', '1; process.exit(1)']) {
      const text = tampered(model, (json) => expect(replaceFirstNumber(json.model, payload)).toBe(true));
      expect(() => createRowPredictor(parseModel(text))).toThrow(ModelArtifactError);
    }
    expectNoGlobalTouched();
  });

  it('never evaluates code written in a string field: names and categories stay data', () => {
    const text = tampered(model, (json) => {
      json.target.name = PAYLOAD;
      for (const feature of json.features) if (feature.categories) feature.categories = feature.categories.map(() => PAYLOAD);
      json.params = { ...json.params, toString: PAYLOAD, valueOf: PAYLOAD, toJSON: PAYLOAD };
    });
    const outcome = refusedOrInert(text, model);
    expect(['refused', 'inert']).toContain(outcome);
    expectNoGlobalTouched();
  });
});

describe('model.json that is not JSON', () => {
  it.each([
    ['a JavaScript function', `{"format":"alm-model","format_version":1,"sha256":"${'0'.repeat(64)}","pipeline":function(){ globalThis.${MARKER}=1 }}`],
    ['an immediately invoked expression', `(${PAYLOAD})`],
    ['a template literal', '`${globalThis.' + MARKER + '=1}`'],
    ['a JSON with a trailing call', `${serializeModel(MODELS.linear).trim()}.constructor.constructor("globalThis.${MARKER}=1")()`],
  ])('refuses %s as not valid JSON, without running it', (_what, text) => {
    expect(() => parseModel(text)).toThrow(/is not valid JSON/);
    expectNoGlobalTouched();
  });
});

/** Replaces the first number found (depth first) in `value` by `payload`. */
function replaceFirstNumber(value: any, payload: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const key of Object.keys(value)) {
    if (typeof value[key] === 'number') {
      value[key] = payload;
      return true;
    }
    if (replaceFirstNumber(value[key], payload)) return true;
  }
  return false;
}

const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['shared', 'functions', 'cli', 'local', 'sidecar', 'bench'];

function sources(dir: string): { path: string; code: string }[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    if (!/\.(ts|js|mjs)$/.test(entry.name)) return [];
    return [{ path, code: readFileSync(join(ROOT, path), 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, '$1') }];
  });
}

describe('architecture: no code is ever made from data', () => {
  const files = SOURCE_DIRS.flatMap(sources);

  it('has no eval, Function constructor, vm, or string timer', () => {
    expect(files.length).toBeGreaterThan(200);
    const found = files.flatMap(({ path, code }) =>
      [...code.matchAll(/\beval\s*\(|\bnew\s+Function\s*\(|(?<![\w.])Function\s*\(|['"](node:)?vm['"]|\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]|\.constructor\.constructor/g)].map((m) => `${path}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('requires and imports only literal paths (one allowed computed require: library versions from a constant list)', () => {
    const allowed = new Set(['shared/platform/libraryVersions.ts: require(`${name}/package.json`)']);
    const found = files.flatMap(({ path, code }) =>
      [...code.matchAll(/\b(require|import)\s*\(\s*([^)]*)\)/g)]
        .filter((m) => !/^(['"])[^'"`$]+\1$/.test(m[2].trim()))
        .map((m) => `${path}: ${m[0]}`),
    );
    expect(found.filter((f) => !allowed.has(f))).toEqual([]);
  });

  it("compiles WebAssembly only from the engine's own assembler, importing nothing but its memory", () => {
    const compiling = files.filter(({ code }) => /\.(Module|Instance)\s*\(|WebAssembly\.(compile|instantiate)/.test(code)).map((f) => f.path);
    expect(compiling.sort()).toEqual(['shared/automl/candidates/gradientBoosting/fusedMaskKernel.ts', 'shared/automl/candidates/gradientBoosting/growthKernel.ts']);
    for (const path of compiling) {
      const { code } = files.find((f) => f.path === path)!;
      expect(code, path).toMatch(/assembleModule\(/);
      for (const m of code.matchAll(/new wasmRuntime\.Instance\(([^;]*)\)/g)) expect(m[1], path).toMatch(/\{ env: \{ mem: memory \} \}$/);
    }
  });
});
