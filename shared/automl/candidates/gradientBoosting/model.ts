import { InvalidInputError } from '../../errors.js';
import type { BinnedMatrix } from '../../matrix.js';
import type { Task } from '../../task.js';
import type { FittedModel } from '../candidate.js';
import { Ensemble } from './ensemble.js';
import { sigmoid, softmaxInPlace, transformScores } from './loss.js';
import type { GradientBoostingParams } from './params.js';
import type { Tree } from './tree.js';

/** Everything a fitted booster is made of (what toJSON stores). */
export interface GradientBoostingState {
  readonly task: Task;
  /** 2 for binary, k for multiclass, 0 for regression. */
  readonly nClasses: number;
  readonly nFeatures: number;
  /** Raw initial score per score column (K entries). */
  readonly baseScores: Float64Array;
  readonly params: GradientBoostingParams;
  /** Boosting iterations kept; there are `nIterations × K` trees. */
  readonly nIterations: number;
  readonly trees: readonly Tree[];
  /**
   * Missing code per feature of the training encoding (BinnedMatrix.missingBin), which
   * defaultLeft nodes send left; absent when no feature had a missing bin.
   */
  readonly missingBin?: readonly number[];
}

/**
 * A fitted gradient boosting model on binned features.
 *
 * `predict` returns row-major `rows × outputs`: positive-class probability (binary), class
 * probabilities (multiclass, rows × k), values (regression). `predictRow` is the allocation-free
 * path for one row. `toJSON` returns the plain-JSON artifact read back by `modelFromJSON`
 * (see serialization.ts); the optional fields (missingBin, per tree defaultLeft and category
 * sets) are written only when present, so plain numeric models keep the original shape.
 */
export class GradientBoostingModel implements FittedModel<'binned'> {
  readonly task: Task;
  readonly nClasses: number;
  readonly nFeatures: number;
  readonly nIterations: number;
  readonly params: GradientBoostingParams;
  /** Outputs per row: k for multiclass, else 1. */
  readonly outputs: number;
  private readonly baseScores: Float64Array;
  private readonly ensemble: Ensemble;

  constructor(private readonly state: GradientBoostingState) {
    this.task = state.task;
    this.nClasses = state.nClasses;
    this.nFeatures = state.nFeatures;
    this.nIterations = state.nIterations;
    this.params = state.params;
    this.outputs = state.task === 'multiclass' ? state.nClasses : 1;
    this.baseScores = Float64Array.from(state.baseScores);
    this.ensemble = new Ensemble(state.trees, this.outputs, state.nFeatures, state.missingBin);
  }

  /** Number of trees (nIterations × outputs). */
  get nTrees(): number {
    return this.state.trees.length;
  }

  predict(X: BinnedMatrix): Float64Array {
    if (X.cols !== this.nFeatures || X.codes.length !== this.nFeatures) {
      throw new InvalidInputError(`model expects ${this.nFeatures} features, got ${X.cols}`);
    }
    for (let f = 0; f < X.cols; f++) {
      if (X.codes[f].length !== X.rows) throw new InvalidInputError(`feature ${f} has ${X.codes[f].length} codes for ${X.rows} rows`);
    }
    const k = this.outputs;
    const out = new Float64Array(X.rows * k);
    if (k === 1) out.fill(this.baseScores[0]);
    else for (let r = 0; r < X.rows; r++) out.set(this.baseScores, r * k);
    this.ensemble.addScores(X, out);
    transformScores(this.task, out, X.rows, k);
    return out;
  }

  /**
   * Predicts one row into `out[0 .. outputs)` without allocating. `codes` holds one bin code per
   * feature (length ≥ nFeatures); `out` must have at least `outputs` entries (not checked, hot path).
   */
  predictRow(codes: ArrayLike<number>, out: Float64Array): void {
    const k = this.outputs;
    for (let c = 0; c < k; c++) out[c] = this.baseScores[c];
    this.ensemble.addRowScores(codes, out);
    if (this.task === 'binary') out[0] = sigmoid(out[0]);
    else if (this.task === 'multiclass') softmaxInPlace(out, 0, k);
  }

  toJSON(): Record<string, unknown> {
    const { state } = this;
    return {
      format: 'gradient_boosting',
      version: 1,
      task: state.task,
      nClasses: state.nClasses,
      nFeatures: state.nFeatures,
      baseScores: Array.from(state.baseScores),
      nIterations: state.nIterations,
      params: { ...state.params },
      ...(state.missingBin ? { missingBin: [...state.missingBin] } : {}),
      trees: state.trees.map((tree) => ({
        feature: Array.from(tree.feature),
        threshold: Array.from(tree.threshold),
        left: Array.from(tree.left),
        right: Array.from(tree.right),
        value: Array.from(tree.value),
        ...(tree.defaultLeft ? { defaultLeft: Array.from(tree.defaultLeft) } : {}),
        ...(tree.catBoundaries && tree.catCodes
          ? { catBoundaries: Array.from(tree.catBoundaries), catCodes: Array.from(tree.catCodes) }
          : {}),
      })),
    };
  }
}
