import { InvalidOptionsError } from '../errors.js';
import type { Candidate, CandidateName, Encoding } from './candidate.js';
import { gradientBoostingCandidate } from './gradientBoosting/index.js';
import { linearCandidate } from './linear/index.js';
import { decisionTreeCandidate } from './trees/decisionTree.js';
import { randomForestCandidate } from './trees/randomForest.js';

/** Any candidate, its params erased: the engine passes params back exactly as `paramSets` gave them. */
export type AnyCandidate = Candidate<Encoding, Record<string, unknown>>;

/** Every candidate, in the order the engine trains them. */
export const CANDIDATES: readonly AnyCandidate[] = [
  linearCandidate,
  gradientBoostingCandidate,
  randomForestCandidate,
  decisionTreeCandidate,
] as unknown as readonly AnyCandidate[];

export const CANDIDATE_NAMES: readonly CandidateName[] = CANDIDATES.map((c) => c.name);

/** The candidate named `name`; an unknown name is an option error listing the known ones. */
export function candidateByName(name: string): AnyCandidate {
  const found = CANDIDATES.find((c) => c.name === name);
  if (!found) throw new InvalidOptionsError(`unknown candidate '${name}': choose from ${CANDIDATE_NAMES.join(', ')}`);
  return found;
}
