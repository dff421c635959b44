import { z } from 'zod';
import type { AnyCandidate } from '../candidates/catalog.js';
import type { CandidateName } from '../candidates/candidate.js';
import { GradientBoostingParamsSchema } from '../candidates/gradientBoosting/params.js';
import { LinearParamsSchema } from '../candidates/linear/params.js';
import { DecisionTreeParamsSchema } from '../candidates/trees/decisionTree.js';
import { RandomForestParamsSchema } from '../candidates/trees/randomForest.js';
import { InvalidOptionsError } from '../errors.js';
import { formatZodIssues } from '../../util/formatZodIssues.js';

/** Each candidate's own parameter schema: the one `--params` overrides are checked against. */
const PARAM_SCHEMAS: Record<CandidateName, z.ZodType> = {
  linear: LinearParamsSchema,
  gradient_boosting: GradientBoostingParamsSchema,
  decision_tree: DecisionTreeParamsSchema,
  random_forest: RandomForestParamsSchema,
};

/** A schema that refuses unknown keys: an object schema made strict, others as they are. */
function strict(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

/**
 * The candidate with `overrides` merged into every one of its parameter sets (`--params`,
 * e.g. `{"gradient_boosting": {"maxIterations": 100}}`), each merged set checked by the
 * candidate's own schema: an unknown key or a bad value is an InvalidOptionsError naming the
 * candidate and the field. Sets that become equal are kept once.
 */
export function withParamOverrides(candidate: AnyCandidate, overrides: Record<string, unknown> | undefined): AnyCandidate {
  if (overrides === undefined) return candidate;
  const schema = strict(PARAM_SCHEMAS[candidate.name]);
  return {
    ...candidate,
    paramSets: (task) => {
      const seen = new Set<string>();
      return candidate.paramSets(task).flatMap((params) => {
        const parsed = schema.safeParse({ ...params, ...overrides });
        if (!parsed.success) {
          throw new InvalidOptionsError(`invalid --params for ${candidate.name}: ${formatZodIssues(parsed.error)}`, { cause: parsed.error });
        }
        const merged = parsed.data as Record<string, unknown>;
        const key = JSON.stringify(merged);
        if (seen.has(key)) return [];
        seen.add(key);
        return [merged];
      });
    },
  };
}
