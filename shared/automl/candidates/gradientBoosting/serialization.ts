import { z } from 'zod';
import { ModelArtifactError } from '../../errors.js';
import { TaskSchema } from '../../task.js';
import { GradientBoostingModel } from './model.js';
import { GradientBoostingParamsSchema } from './params.js';
import type { Tree } from './tree.js';
import { treeFromJson, TreeJsonSchema, treeProblem } from './treeCheck.js';

/**
 * The JSON artifact of a gradient boosting model (format 'gradient_boosting', version 1):
 * task, nClasses, nFeatures, baseScores (K raw scores), nIterations, params, and
 * `nIterations × K` trees as parallel node arrays (see tree.ts for the node conventions), and
 * optionally `missingBin` (the missing code per feature, −1 for none; needed by defaultLeft
 * nodes). Each tree is checked structurally by treeCheck.ts.
 */
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
    missingBin: z.array(z.number().int().min(-1).max(255)).optional(),
    trees: z.array(TreeJsonSchema),
  })
  .strict();

export type GradientBoostingJson = z.infer<typeof GradientBoostingJsonSchema>;

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
  if (data.missingBin !== undefined && data.missingBin.length !== data.nFeatures) {
    fail(`missingBin has ${data.missingBin.length} entries for ${data.nFeatures} features`);
  }
  const trees: Tree[] = data.trees.map((tree, t) => {
    const problem = treeProblem(tree, data.nFeatures, data.missingBin);
    if (problem !== null) fail(`tree ${t}: ${problem}`);
    return treeFromJson(tree);
  });
  return new GradientBoostingModel({
    task: data.task,
    nClasses: data.nClasses,
    nFeatures: data.nFeatures,
    baseScores: Float64Array.from(data.baseScores),
    params: data.params,
    nIterations: data.nIterations,
    trees,
    ...(data.missingBin ? { missingBin: data.missingBin } : {}),
  });
}
