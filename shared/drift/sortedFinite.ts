import { InvalidInputError } from '../automl/errors.js';

/**
 * A sample as an ascending Float64Array copy. Empty or non-finite input is an InvalidInputError
 * naming `what` (the caller drops NaN and ±∞ first, as the drift check does).
 */
export function sortedFinite(values: ArrayLike<number>, what: string): Float64Array {
  if (values.length === 0) throw new InvalidInputError(`${what} is empty`);
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i])) throw new InvalidInputError(`${what}[${i}] is not finite`);
  }
  return sorted.sort();
}
