import { z } from 'zod';

/**
 * The shapes of the drift decision engine (`decideOnDrift`): its settings, the state it is handed
 * for one window, and the decision it returns.
 *
 * - `topK` (default 3): how many of the most important features count as "top" features.
 * - `cooldownMinutes` (default 60): no second retrain within this many minutes of the last one.
 * - `consecutiveWindows` (M, default 1): retrain only after M consecutive large-drift windows.
 * - `minColumns` (optional): fewer checked feature columns than this is `insufficient_data`.
 */
export const DriftDecisionSettingsSchema = z.object({
  topK: z.number().int().positive().default(3),
  cooldownMinutes: z.number().nonnegative().default(60),
  consecutiveWindows: z.number().int().positive().default(1),
  minColumns: z.number().int().positive().optional(),
});
export type DriftDecisionSettings = z.infer<typeof DriftDecisionSettingsSchema>;

const isoInstant = z.iso.datetime({ offset: true });

/**
 * What the engine is handed besides the drift result: its settings (omitted ones take their
 * defaults), the feature importances stored at training time, the current instant (the core reads
 * no clock), when the last retrain was decided (null: never), the consecutive large-drift count
 * after the previous window, and the concept-drift signal of the live quality.
 */
export const DriftDecisionContextSchema = z.object({
  settings: DriftDecisionSettingsSchema.prefault({}),
  importances: z.record(z.string(), z.number()),
  now: isoInstant,
  lastRetrainAt: isoInstant.nullable(),
  previousConsecutive: z.number().int().nonnegative(),
  /** Concept drift: why the live quality counts as dropped (`conceptDriftReason`), or null. */
  conceptDrift: z.string().nullable().default(null),
  /** Why retraining is on hold (the post-promotion guard is watching a fresh promotion), or null. */
  hold: z.string().nullable().default(null),
});
/** The context as a caller writes it (settings and their fields may be left out). */
export type DriftDecisionContextInput = z.input<typeof DriftDecisionContextSchema>;
export type DriftDecisionContext = z.infer<typeof DriftDecisionContextSchema>;

export const DriftActionSchema = z.enum(['keep', 'retrain', 'insufficient_data']);
export type DriftAction = z.infer<typeof DriftActionSchema>;

/** The decision for one window: the action, every reason as a sentence, and the state to keep for the next window. */
export const DriftDecisionSchema = z.object({
  action: DriftActionSchema,
  reasons: z.array(z.string()).min(1),
  large_drift: z.boolean(),
  consecutive_drifted_windows: z.number().int().nonnegative(),
});
export type DriftDecision = z.infer<typeof DriftDecisionSchema>;
