import { z } from 'zod';
import { ModelArtifactError } from '../../errors.js';
import { TaskSchema } from '../../task.js';
import { GradientBoostingModel } from './model.js';
import { GradientBoostingParamsSchema } from './params.js';
import type { Tree } from './tree.js';

/**
 * The JSON artifact of a gradient boosting model (format 'gradient_boosting', version 1):
 * task, nClasses, nFeatures, baseScores (K raw scores), nIterations, params, and
 * `nIterations × K` trees as parallel node arrays (see tree.ts for the node conventions).
 */
const TreeJsonSchema = z
  .object({
    feature: z.array(z.number().int().min(-1)).min(1),
    threshold: z.array(z.number().int().min(0).max(255)),
    left: z.array(z.number().int().min(-1)),
    right: z.array(z.number().int().min(-1)),
    value: z.array(z.number()),
  })
  .strict();

export const GradientBoostingJsonSchema = z
  .object({
    format: z.literal('gradient_boosting'),
    version: z.literal(1),
    task: TaskSchema,
    nClasses: z.number().int().min(0),
    nFeatures: z.number().int().min(0),
    baseScores: z.array(z.number()).min(1),
    nIterations: z.number().int().min(0),
    params: GradientBoostingParamsSchema,
    trees: z.array(TreeJsonSchema),
  })
  .strict();

export type GradientBoostingJson = z.infer<typeof GradientBoostingJsonSchema>;

/** Checks one tree's structure; returns a problem description or null. */
function treeProblem(tree: z.infer<typeof TreeJsonSchema>, nFeatures: number): string | null {
  const n = tree.feature.length;
  if (tree.threshold.length !== n || tree.left.length !== n || tree.right.length !== n || tree.value.length !== n) {
    return 'node arrays differ in length';
  }
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i];
    if (f < 0) {
      if (tree.left[i] !== -1 || tree.right[i] !== -1) return `leaf ${i} has children`;
      continue;
    }
    if (f >= nFeatures) return `node ${i} splits on feature ${f} of ${nFeatures}`;
    // Children after their parent: traversal always terminates.
    const l = tree.left[i];
    const r = tree.right[i];
    if (l <= i || l >= n || r <= i || r >= n || l === r) return `node ${i} has invalid children ${l}, ${r}`;
  }
  return null;
}

/** Restores a model from its JSON; throws ModelArtifactError when the artifact is malformed. */
export function modelFromJSON(json: unknown): GradientBoostingModel {
  const parsed = GradientBoostingJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelArtifactError(`malformed gradient boosting model: ${z.prettifyError(parsed.error)}`);
  }
  const data = parsed.data;
  const fail = (why: string): never => {
    throw new ModelArtifactError(`malformed gradient boosting model: ${why}`);
  };
  if (data.task === 'binary' && data.nClasses !== 2) fail(`binary model with nClasses ${data.nClasses}`);
  if (data.task === 'multiclass' && data.nClasses < 2) fail(`multiclass model with nClasses ${data.nClasses}`);
  if (data.task === 'regression' && data.nClasses !== 0) fail(`regression model with nClasses ${data.nClasses}`);
  const k = data.task === 'multiclass' ? data.nClasses : 1;
  if (data.baseScores.length !== k) fail(`${data.baseScores.length} base scores for ${k} outputs`);
  if (data.trees.length !== data.nIterations * k) {
    fail(`${data.trees.length} trees for ${data.nIterations} iterations × ${k} outputs`);
  }
  const trees: Tree[] = data.trees.map((tree, t) => {
    const problem = treeProblem(tree, data.nFeatures);
    if (problem !== null) fail(`tree ${t}: ${problem}`);
    return {
      feature: Int32Array.from(tree.feature),
      threshold: Int32Array.from(tree.threshold),
      left: Int32Array.from(tree.left),
      right: Int32Array.from(tree.right),
      value: Float64Array.from(tree.value),
    };
  });
  return new GradientBoostingModel({
    task: data.task,
    nClasses: data.nClasses,
    nFeatures: data.nFeatures,
    baseScores: Float64Array.from(data.baseScores),
    params: data.params,
    nIterations: data.nIterations,
    trees,
  });
}
