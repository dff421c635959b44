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
import { categoricalCodes, numericCodes } from './binnedColumns.js';
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
  const codes = preprocessor.features.map((encoding, f) => {
    const column = frame.columns[f];
    const out = new Uint8Array(frame.nRows);
    if (encoding.kind === 'numeric') numericCodes(encoding, numericValues(column), out);
    else categoricalCodes(encoding, categoricalValues(column), out);
    return out;
  });
  const features = preprocessor.features;
  return {
    rows: frame.nRows,
    cols: codes.length,
    codes,
    nBins: features.map(binCount),
    missingBin: features.map(missingBin),
    categorical: features.map((e) => e.kind === 'categorical' && isUnorderedCategorical(e)),
  };
}
