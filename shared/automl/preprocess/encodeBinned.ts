/**
 * The tree-model input: one column of bin codes per feature (see `numericCoding.ts` and
 * `categoryCodes.ts`), with the BinnedMatrix's per-feature `missingBin` (the last code when
 * training had missing values, else −1) and `categorical` flags (true for text categories only:
 * numeric bins, numeric categories and binary levels are ordered). An encoding written before
 * these existed gives −1 and false for every feature, i.e. the matrix it always gave.
 */
import type { Frame } from '../data/frame.js';
import type { BinnedMatrix } from '../matrix.js';
import { categoryBinCount, categoryCoder, isUnorderedCategorical } from './categoryCodes.js';
import { categoricalColumnCoder, numericColumnCoder } from './binnedColumns.js';
import { categoricalValues, numericValues } from './frameValues.js';
import { numericBin, numericBinCount } from './numericCoding.js';
import type { FeatureEncoding, FeatureValue, Preprocessor } from './preprocessor.js';

/** Number of tree bins of an encoding, the missing bin included. */
export function binCount(encoding: FeatureEncoding): number {
  return encoding.kind === 'numeric' ? numericBinCount(encoding) : categoryBinCount(encoding);
}

/** The code of the missing bin, or −1 when missing values take an imputed code. */
export function missingBin(encoding: FeatureEncoding): number {
  const own = encoding.kind === 'numeric' ? encoding.missing_indicator : encoding.missing_level;
  return own ? binCount(encoding) - 1 : -1;
}

/**
 * Value → code of one feature: a number (NaN = missing) for a numeric feature, a category
 * (null = missing) otherwise. The single source of codes for the batch and the row paths.
 */
export function binCoder(encoding: FeatureEncoding): (value: FeatureValue) => number {
  if (encoding.kind === 'numeric') return (value) => numericBin(encoding, value as number);
  const code = categoryCoder(encoding);
  return (value) => code(value as string | null);
}

/** Tree-model input: one column of bin codes per feature. */
export function encodeBinned(preprocessor: Preprocessor, frame: Frame): BinnedMatrix {
  return binnedEncoder(preprocessor)(frame);
}

/**
 * {@link encodeBinned} prepared once for a preprocessor (edges padded, category maps built), for
 * a predictor that encodes many batches. The codes of all features share one buffer.
 */
export function binnedEncoder(preprocessor: Preprocessor): (frame: Frame) => BinnedMatrix {
  const features = preprocessor.features;
  const coders = features.map((encoding, f) => {
    if (encoding.kind === 'numeric') {
      const code = numericColumnCoder(encoding);
      return (frame: Frame, out: Uint8Array) => code(numericValues(frame.columns[f]), out);
    }
    const code = categoricalColumnCoder(encoding);
    return (frame: Frame, out: Uint8Array) => code(categoricalValues(frame.columns[f]), out);
  });
  const nBins = features.map(binCount);
  const missingBins = features.map(missingBin);
  const categorical = features.map((e) => e.kind === 'categorical' && isUnorderedCategorical(e));
  return (frame) => {
    const n = frame.nRows;
    const buffer = new Uint8Array(n * coders.length);
    const codes = coders.map((code, f) => {
      const out = buffer.subarray(f * n, (f + 1) * n);
      code(frame, out);
      return out;
    });
    return { rows: n, cols: codes.length, codes, nBins, missingBin: missingBins, categorical };
  };
}
