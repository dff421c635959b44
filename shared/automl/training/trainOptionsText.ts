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

/**
 * Training options written as text, as the CLI flags (`--cv-folds 3`, named `cv_folds` here)
 * and the ingest query string (`?cv_folds=3`) give them: the one coercing schema both use.
 * Numbers and lists are converted, unknown names refused (a typo never trains with defaults
 * silently), then `TrainOptionsSchema` validates and resolves the defaults.
 */
export const TrainOptionsTextSchema = z
  .strictObject({
    target: z.string().min(1).optional(),
    seed: NumberTextSchema.optional(),
    candidates: ListTextSchema.optional(),
    cv_folds: NumberTextSchema.optional(),
    test_fraction: NumberTextSchema.optional(),
    max_tree_rows: NumberTextSchema.optional(),
  })
  .pipe(TrainOptionsSchema);
export type TrainOptionsText = z.input<typeof TrainOptionsTextSchema>;
