import { formatZodIssues } from '../../../util/formatZodIssues.js';
import { z } from 'zod';
import { ModelArtifactError } from '../../errors.js';
import type { BinnedMatrix } from '../../matrix.js';
import { TaskSchema, outputsPerRow, type Task } from '../../task.js';
import type { FittedModel } from '../candidate.js';
import { FlatTreeSchema, accumulateTree, type FlatTree } from './flatTree.js';

export const TreeEnsembleJsonSchema = z.object({
  task: TaskSchema,
  n_classes: z.number().int().nonnegative(),
  rows_used: z.number().int().positive(),
  params: z.record(z.string(), z.unknown()),
  trees: z.array(FlatTreeSchema).min(1),
});
export type TreeEnsembleJson = z.infer<typeof TreeEnsembleJsonSchema>;

/**
 * The prediction of a decision tree or a random forest: the mean over trees of the leaf values
 * (class proportions as in scikit-learn's predict_proba, or the leaf mean for regression).
 * Binary models return the positive-class proportion.
 */
export class TreeEnsembleModel implements FittedModel<'binned'> {
  readonly rowsUsed: number;

  constructor(
    private readonly task: Task,
    private readonly nClasses: number,
    private readonly trees: readonly FlatTree[],
    rowsUsed: number,
    private readonly params: Record<string, unknown>,
  ) {
    this.rowsUsed = rowsUsed;
  }

  static fromJSON(json: Record<string, unknown>): TreeEnsembleModel {
    const parsed = TreeEnsembleJsonSchema.safeParse(json);
    if (!parsed.success) throw new ModelArtifactError(`malformed tree model: ${formatZodIssues(parsed.error, 3)}`, { cause: parsed.error });
    const m = parsed.data;
    return new TreeEnsembleModel(m.task, m.n_classes, m.trees, m.rows_used, m.params);
  }

  predict(X: BinnedMatrix): Float64Array {
    const width = this.trees[0].width;
    const sums = new Float64Array(X.rows * width);
    for (const tree of this.trees) accumulateTree(tree, X, 1 / this.trees.length, sums);
    if (this.task !== 'binary') return sums;
    const positive = new Float64Array(X.rows);
    for (let r = 0; r < X.rows; r++) positive[r] = sums[r * width + 1];
    return positive;
  }

  toJSON(): TreeEnsembleJson {
    return { task: this.task, n_classes: this.nClasses, rows_used: this.rowsUsed, params: this.params, trees: [...this.trees] };
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
