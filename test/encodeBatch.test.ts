import { describe, it, expect } from 'vitest';
import { categoricalColumnCoder, numericColumnCoder } from '../shared/automl/preprocess/binnedColumns.js';
import { categoryCoder } from '../shared/automl/preprocess/categoryCodes.js';
import { fitPreprocessor } from '../shared/automl/preprocess/fitPreprocessor.js';
import { quantileBinEdges } from '../shared/automl/preprocess/quantileBinEdges.js';
import { numericBin } from '../shared/automl/preprocess/numericCoding.js';
import { MAX_BINS, type CategoricalEncoding, type NumericEncoding } from '../shared/automl/preprocess/preprocessor.js';
import { sortPresentValues } from '../shared/automl/preprocess/sortPresentValues.js';
import { createRandom } from '../shared/automl/util/random.js';

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('batch encoding fast paths', () => {
  it('sorts the present values as filter + TypedArray sort does, radix path included', () => {
    const random = createRandom(7);
    const special = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -5e-324];
    for (const n of [10, 1000, 40_000]) {
      const mixed = Float64Array.from({ length: n }, () =>
        random() < 0.2 ? special[Math.floor(random() * special.length)] : (random() - 0.5) * 10 ** Math.floor(random() * 12 - 6),
      );
      const integers = Float64Array.from({ length: n }, () => Math.floor(random() * 90));
      for (const values of [mixed, integers]) {
        const expected = values.filter((v) => !Number.isNaN(v)).sort();
        expect(sameBits(sortPresentValues(values), expected)).toBe(true);
      }
    }
  });

  it('bins numeric values exactly as numericBin, missing and out-of-range values included', () => {
    const random = createRandom(8);
    for (const nEdges of [0, 1, 2, 7, 8, 100, 254]) {
      const edges = Array.from({ length: nEdges }, () => random() * 100).sort((a, b) => a - b);
      for (const missing_indicator of [false, true]) {
        const encoding: NumericEncoding = { kind: 'numeric', name: 'x', median: 50, mean: 50, std: 1, edges, ...(missing_indicator ? { missing_indicator } : {}) };
        const values = Float64Array.from({ length: 500 }, (_, i) =>
          i % 50 === 0 ? Number.NaN : i % 37 === 0 ? edges[i % Math.max(1, nEdges)] ?? 0 : random() * 120 - 10,
        );
        const out = new Uint8Array(values.length);
        numericColumnCoder(encoding)(values, out);
        expect(Array.from(out)).toEqual(Array.from(values, (v) => numericBin(encoding, v)));
      }
    }
  });

  it('codes categories exactly as categoryCoder, past the memo and for unseen or missing values', () => {
    const categories = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const random = createRandom(9);
    const values = Array.from({ length: 800 }, () => {
      const u = random();
      return u < 0.05 ? null : u < 0.1 ? 'unseen' : categories[Math.floor(random() * categories.length)];
    });
    const encodings: CategoricalEncoding[] = [
      { kind: 'categorical', name: 'x', binary: false, categories, missing_level: true, one_hot_top: 12, tree_codes: 'frequency' },
      { kind: 'categorical', name: 'x', binary: false, categories, one_hot_top: 12 },
      { kind: 'categorical', name: 'x', binary: true, categories: ['c0', 'c1'] },
    ];
    for (const encoding of encodings) {
      const out = new Uint8Array(values.length);
      categoricalColumnCoder(encoding)(values, out);
      const code = categoryCoder(encoding);
      expect(Array.from(out)).toEqual(values.map((v) => code(v)));
    }
  });

  it('fits numeric encodings (median, bins) as sorting every present value does, hashed or sorted', () => {
    const random = createRandom(10);
    const columns = [
      Float64Array.from({ length: 5000 }, () => Math.floor(random() * 40) / 2), // few distinct: hashed
      Float64Array.from({ length: 5000 }, () => (random() < 0.1 ? Number.NaN : random() < 0.2 ? -0 : random() < 0.3 ? 0 : Math.floor(random() * 9) - 4)),
      Float64Array.from({ length: 40_000 }, () => random() * 100), // many distinct: sorted
      Float64Array.from({ length: 6 }, (_, i) => [3, -0, 0, 0, Number.NaN, 3][i]),
    ];
    for (const values of columns) {
      const frame = { nRows: values.length, columns: [{ kind: 'numeric' as const, values }] };
      const [encoding] = fitPreprocessor(frame, [{ name: 'x', type: 'numeric', missing: 0 }]).features;
      const sorted = values.filter((v) => !Number.isNaN(v)).sort();
      const mid = sorted.length >> 1;
      const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      const hasMissing = sorted.length < values.length;
      expect(encoding.kind === 'numeric' && Object.is(encoding.median, median)).toBe(true);
      expect(encoding.kind === 'numeric' && encoding.edges).toEqual(quantileBinEdges(sorted, hasMissing ? MAX_BINS - 1 : MAX_BINS));
    }
  });
});
