import { z } from 'zod';
import type { BinnedMatrix, DenseMatrix, Targets } from '../matrix.js';
import type { Task } from '../task.js';

/** The candidate families the engine can train. */
export const CandidateNameSchema = z.enum(['linear', 'decision_tree', 'random_forest', 'gradient_boosting']);
export type CandidateName = z.infer<typeof CandidateNameSchema>;

/** Which encoded matrix a candidate consumes. */
export type Encoding = 'dense' | 'binned';
export type MatrixFor<E extends Encoding> = E extends 'dense' ? DenseMatrix : BinnedMatrix;

/** What every fit receives. `nClasses` is 0 for regression. */
export interface TrainingSet<E extends Encoding> {
  readonly X: MatrixFor<E>;
  readonly y: Targets;
  readonly task: Task;
  readonly nClasses: number;
}

export interface FitContext {
  /** 32-bit seed; the same data and seed must give the same model. */
  readonly seed: number;
}

/**
 * A fitted model. `predict` returns `rows × outputs` values, row-major: the positive-class
 * probability for binary, class probabilities for multiclass, the value for regression.
 * `toJSON` returns plain JSON (no functions, no class instances) that `fromJSON` restores.
 */
export interface FittedModel<E extends Encoding> {
  predict(X: MatrixFor<E>): Float64Array;
  toJSON(): Record<string, unknown>;
}

/**
 * A candidate family: a small module with fit, predict (on the fitted model), toJSON and fromJSON.
 * `paramSets` lists the hyper-parameter sets the engine compares by cross-validation.
 */
export interface Candidate<E extends Encoding, P extends Record<string, unknown>> {
  readonly name: CandidateName;
  readonly encoding: E;
  supports(task: Task): boolean;
  paramSets(task: Task): P[];
  fit(train: TrainingSet<E>, params: P, context: FitContext): FittedModel<E>;
  fromJSON(json: Record<string, unknown>): FittedModel<E>;
}
