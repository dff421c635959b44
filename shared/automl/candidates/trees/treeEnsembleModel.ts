import { formatZodIssues } from '../../../util/formatZodIssues.js';
import { z } from 'zod';
import { InvalidInputError, ModelArtifactError } from '../../errors.js';
import type { BinnedMatrix } from '../../matrix.js';
import { TaskSchema, outputsPerRow, type Task } from '../../task.js';
import type { FittedModel } from '../candidate.js';
import { flatTreeProblem } from './checkFlatTree.js';
import { FlatTreeSchema, accumulateTree } from './flatTree.js';
import { TreePlanSchema } from './treePlan.js';

/**
 * The JSON artifact of a decision tree or random forest. `n_features` (the matrix columns at
 * fit) and `plan` (rows, trees, features per tree and estimated work of the fit, see treePlan.ts)
 * are optional: artifacts written before them load and predict as before.
 */
export const TreeEnsembleJsonSchema = z.object({
  task: TaskSchema,
  n_classes: z.number().int().nonnegative(),
  n_features: z.number().int().positive().optional(),
  rows_used: z.number().int().positive(),
  params: z.record(z.string(), z.unknown()),
  plan: TreePlanSchema.optional(),
  trees: z.array(FlatTreeSchema).min(1),
});
export type TreeEnsembleJson = z.infer<typeof TreeEnsembleJsonSchema>;

/**
 * The prediction of a decision tree or a random forest: the mean over trees of the leaf values
 * (class proportions as in scikit-learn's predict_proba, or the leaf mean for regression).
 * Binary models return the positive-class proportion. A loaded artifact is checked structurally
 * (see checkFlatTree.ts) so that no malformed tree can loop or read out of range.
 */
export class TreeEnsembleModel implements FittedModel<'binned'> {
  readonly rowsUsed: number;
  /** Matrix columns a prediction needs: `n_features`, or (older artifacts) the highest split feature + 1. */
  private readonly featuresNeeded: number;

  constructor(private readonly state: TreeEnsembleJson) {
    this.rowsUsed = state.rows_used;
    let highest = -1;
    for (const tree of state.trees) for (const f of tree.feature) highest = Math.max(highest, f);
    this.featuresNeeded = state.n_features ?? highest + 1;
  }

  static fromJSON(json: Record<string, unknown>): TreeEnsembleModel {
    const parsed = TreeEnsembleJsonSchema.safeParse(json);
    if (!parsed.success) throw new ModelArtifactError(`malformed tree model: ${formatZodIssues(parsed.error, 3)}`, { cause: parsed.error });
    const m = parsed.data;
    const fail = (why: string): never => {
      throw new ModelArtifactError(`malformed tree model: ${why}`);
    };
    if (m.task === 'binary' && m.n_classes !== 2) fail(`binary model with n_classes ${m.n_classes}`);
    if (m.task === 'multiclass' && m.n_classes < 2) fail(`multiclass model with n_classes ${m.n_classes}`);
    if (m.task === 'regression' && m.n_classes !== 0) fail(`regression model with n_classes ${m.n_classes}`);
    const expected = { width: TreeEnsembleModel.leafWidth(m.task, m.n_classes), proportions: m.task !== 'regression', nFeatures: m.n_features };
    m.trees.forEach((tree, t) => {
      const problem = flatTreeProblem(tree, expected);
      if (problem !== null) fail(`tree ${t}: ${problem}`);
    });
    return new TreeEnsembleModel(m);
  }

  predict(X: BinnedMatrix): Float64Array {
    const { trees, task } = this.state;
    const needed = this.featuresNeeded;
    const exact = this.state.n_features !== undefined;
    if ((exact ? X.cols !== needed : X.cols < needed) || X.codes.length < needed) {
      throw new InvalidInputError(`tree model expects ${needed} features, got ${X.cols}`);
    }
    const width = trees[0].width;
    const sums = new Float64Array(X.rows * width);
    for (const tree of trees) accumulateTree(tree, X, 1 / trees.length, sums);
    if (task !== 'binary') return sums;
    const positive = new Float64Array(X.rows);
    for (let r = 0; r < X.rows; r++) positive[r] = sums[r * width + 1];
    return positive;
  }

  toJSON(): TreeEnsembleJson {
    return { ...this.state, trees: [...this.state.trees] };
  }

  /** Values per row of the leaf tables: classes for classification, 1 for regression. */
  static leafWidth(task: Task, nClasses: number): number {
    return task === 'regression' ? 1 : Math.max(2, outputsPerRow('multiclass', nClasses));
  }
}

/** Row-major `number[][]` of bin codes, the input ml-cart and ml-random-forest take. */
export function binnedToRows(X: BinnedMatrix, indices: ArrayLike<number>): number[][] {
  const rows = new Array<number[]>(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const row = new Array<number>(X.cols);
    for (let f = 0; f < X.cols; f++) row[f] = X.codes[f][indices[r]];
    rows[r] = row;
  }
  return rows;
}
