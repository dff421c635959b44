import { z } from 'zod';
import { CandidateNameSchema } from '../candidates/candidate.js';
import { ModelArtifactError } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';

/** One member of a weighted ensemble: a candidate's fitted model (its own JSON) and its weight. */
export const EnsembleMemberSchema = z.object({
  candidate: CandidateNameSchema,
  params: z.record(z.string(), z.unknown()),
  weight: z.number().gt(0).max(1),
  model: z.record(z.string(), z.unknown()),
});
export type EnsembleMember = z.infer<typeof EnsembleMemberSchema>;

/**
 * The `model` of a `weighted_ensemble` pipeline: its members, at least two, weights summing to
 * 1 (within 1e-9). Every member reads the pipeline's one preprocessor (dense or binned, as its
 * candidate needs); the ensemble's output is the weighted sum of the members' outputs.
 */
export const WeightedEnsembleJsonSchema = z
  .object({ members: z.array(EnsembleMemberSchema).min(2) })
  .refine((json) => Math.abs(json.members.reduce((s, m) => s + m.weight, 0) - 1) < 1e-9, 'member weights must sum to 1');
export type WeightedEnsembleJson = z.infer<typeof WeightedEnsembleJsonSchema>;

/** Each member as a pipeline of its own (same target, features, preprocessor), with its weight. */
export function memberPipelines(pipeline: Pipeline): { pipeline: Pipeline; weight: number }[] {
  const parsed = WeightedEnsembleJsonSchema.safeParse(pipeline.model);
  if (!parsed.success) throw new ModelArtifactError(`weighted_ensemble model is malformed: ${parsed.error.issues[0]?.message ?? 'bad members'}`);
  return parsed.data.members.map((member) => ({
    pipeline: { ...pipeline, candidate: member.candidate, params: member.params, model: member.model },
    weight: member.weight,
  }));
}
