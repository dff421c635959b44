import { z } from 'zod';
import { TrainOptionsSchema } from './trainOptions.js';

/** A number written as text ("7", "0.2", "1e3"); anything else is refused, never read as 0 or NaN. */
const NumberTextSchema = z
  .string()
  .trim()
  .regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, 'expected a number')
  .transform(Number);

/** A comma-separated list ("linear,gradient_boosting"); blanks around items are ignored. */
const ListTextSchema = z.string().transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean));

/** `true` or `false`, exactly. */
const BooleanTextSchema = z.enum(['true', 'false']).transform((text) => text === 'true');

/** A JSON object written as text (`--params '{"gradient_boosting": {...}}'`). */
const JsonTextSchema = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not JSON: ${(error as Error).message}` });
    return z.NEVER;
  }
});

/**
 * Training options written as text, as the CLI flags (`--cv-folds 3`, named `cv_folds` here)
 * and the ingest query string (`?cv_folds=3`) give them: the one coercing schema both use.
 * Numbers, booleans, lists and JSON are converted, unknown names refused (a typo never trains
 * with defaults silently), then `TrainOptionsSchema` validates and resolves the defaults.
 */
export const TrainOptionsTextSchema = z
  .strictObject({
    target: z.string().min(1).optional(),
    seed: NumberTextSchema.optional(),
    candidates: ListTextSchema.optional(),
    cv_folds: NumberTextSchema.optional(),
    test_fraction: NumberTextSchema.optional(),
    max_tree_rows: NumberTextSchema.optional(),
    refit: BooleanTextSchema.optional(),
    time_budget: NumberTextSchema.optional(),
    params: JsonTextSchema.optional(),
    positive_class: z.string().min(1).optional(),
    min_class_rows: NumberTextSchema.optional(),
  })
  .pipe(TrainOptionsSchema);
export type TrainOptionsText = z.input<typeof TrainOptionsTextSchema>;
