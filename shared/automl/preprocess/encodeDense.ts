/**
 * The linear-model input: per feature, in schema order, the standardized numeric value (then its
 * missing indicator, see `numericCoding.ts`) or the one-hot slots of a category (see
 * `oneHotLayout.ts`), row-major float64, as scikit-learn's ColumnTransformer would lay them out.
 */
import type { Frame } from '../data/frame.js';
import type { DenseMatrix } from '../matrix.js';
import { categoricalValues, numericValues } from './frameValues.js';
import { numericDenseWidth, standardize } from './numericCoding.js';
import { oneHotSlotter, oneHotWidth } from './oneHotLayout.js';
import type { FeatureEncoding, Preprocessor } from './preprocessor.js';

/** Dense columns of one feature. */
export function featureDenseWidth(encoding: FeatureEncoding): number {
  return encoding.kind === 'numeric' ? numericDenseWidth(encoding) : oneHotWidth(encoding);
}

/** Width of the dense (linear-model) encoding. */
export function denseWidth(preprocessor: Preprocessor): number {
  return preprocessor.features.reduce((w, e) => w + featureDenseWidth(e), 0);
}

/** Linear-model input: standardized numerics (+ missing indicators) and one-hot categories. */
export function encodeDense(preprocessor: Preprocessor, frame: Frame): DenseMatrix {
  const cols = denseWidth(preprocessor);
  const data = new Float64Array(frame.nRows * cols);
  let offset = 0;
  preprocessor.features.forEach((encoding, f) => {
    const column = frame.columns[f];
    if (encoding.kind === 'numeric') {
      const values = numericValues(column);
      const indicator = encoding.missing_indicator === true;
      for (let r = 0, at = offset; r < frame.nRows; r++, at += cols) {
        data[at] = standardize(encoding, values[r]);
        if (indicator && Number.isNaN(values[r])) data[at + 1] = 1;
      }
    } else {
      const slotOf = oneHotSlotter(encoding);
      const values = categoricalValues(column);
      for (let r = 0; r < frame.nRows; r++) {
        const s = slotOf(values[r]);
        if (s >= 0) data[r * cols + offset + s] = 1;
      }
    }
    offset += featureDenseWidth(encoding);
  });
  return { rows: frame.nRows, cols, data };
}
