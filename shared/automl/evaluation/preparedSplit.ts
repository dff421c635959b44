import type { Encoding, MatrixFor } from '../candidates/candidate.js';
import { takeFrameRows, type Frame } from '../data/frame.js';
import { takeValues, type BinnedMatrix, type DenseMatrix } from '../matrix.js';
import { encodeBinned } from '../preprocess/encodeBinned.js';
import { encodeDense } from '../preprocess/encodeDense.js';
import { fitPreprocessor } from '../preprocess/fitPreprocessor.js';
import type { Preprocessor } from '../preprocess/preprocessor.js';
import type { FeatureSpec } from '../schema/datasetSchema.js';
import type { Split } from './splits.js';

/**
 * One train/score split with preprocessing fitted on its training rows only. Encodings are
 * built on first use and shared by every candidate scored on the split.
 */
export class PreparedSplit {
  readonly preprocessor: Preprocessor;
  readonly yTrain: Float64Array;
  readonly yTest: Float64Array;
  /** The training rows' features (the rows the preprocessing was fitted on). */
  readonly trainFrame: Frame;
  private readonly testFrame: Frame;
  private readonly cache = new Map<string, DenseMatrix | BinnedMatrix>();

  constructor(
    frame: Frame,
    y: Float64Array,
    features: readonly FeatureSpec[],
    readonly split: Split,
  ) {
    this.trainFrame = takeFrameRows(frame, split.train);
    this.testFrame = takeFrameRows(frame, split.test);
    this.yTrain = takeValues(y, split.train);
    this.yTest = takeValues(y, split.test);
    this.preprocessor = fitPreprocessor(this.trainFrame, features);
  }

  train<E extends Encoding>(encoding: E): MatrixFor<E> {
    return this.encoded('train', encoding, this.trainFrame);
  }

  test<E extends Encoding>(encoding: E): MatrixFor<E> {
    return this.encoded('test', encoding, this.testFrame);
  }

  private encoded<E extends Encoding>(side: string, encoding: E, frame: Frame): MatrixFor<E> {
    const key = `${side}:${encoding}`;
    let matrix = this.cache.get(key);
    if (!matrix) {
      matrix = encoding === 'dense' ? encodeDense(this.preprocessor, frame) : encodeBinned(this.preprocessor, frame);
      this.cache.set(key, matrix);
    }
    return matrix as MatrixFor<E>;
  }
}
