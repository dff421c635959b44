import type { TrainOptionsInput } from '../automl/training/trainOptions.js';
import { InvalidRequestError } from './errors.js';

/** Query parameters that set a training option, and how their text becomes the option's value. */
const QUERY_OPTIONS = {
  target: (text: string) => text,
  seed: Number,
  cv_folds: Number,
  test_fraction: Number,
  candidates: (text: string) => text.split(','),
} as const;

/**
 * Training options from a query string (`?target=y&seed=7&candidates=linear,gradient_boosting`).
 * Values are only converted here; `TrainOptionsSchema` validates them once, downstream. An
 * unknown parameter is refused, so a typo never trains with defaults silently.
 */
export function trainOptionsFromQuery(query: Readonly<Record<string, string | undefined>>): TrainOptionsInput {
  const options: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(query)) {
    if (text === undefined) continue;
    if (!(name in QUERY_OPTIONS)) {
      throw new InvalidRequestError(`unknown query parameter '${name}': use ${Object.keys(QUERY_OPTIONS).join(', ')}`);
    }
    options[name] = QUERY_OPTIONS[name as keyof typeof QUERY_OPTIONS](text);
  }
  return options as TrainOptionsInput;
}
