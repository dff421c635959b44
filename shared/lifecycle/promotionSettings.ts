import { z } from 'zod';
import { BootstrapSettingsSchema } from '../decision/bootstrap/pairedBootstrap.js';
import { ChallengerPolicySchema } from '../decision/challengerPolicy.js';

/**
 * How a candidate is judged against production: the policy's margin, the bootstrap's samples,
 * confidence and seed, and the recent labeled production rows used as the holdout of a candidate
 * whose lineage has none (predicted in the last `recentWindowMinutes`, at least `minHoldoutRows`).
 */
export const PromotionSettingsSchema = z.object({
  policy: ChallengerPolicySchema.prefault({}),
  bootstrap: BootstrapSettingsSchema.prefault({}),
  recentWindowMinutes: z.number().positive().default(1_440),
  minHoldoutRows: z.number().int().positive().default(50),
});
export type PromotionSettingsInput = z.input<typeof PromotionSettingsSchema>;
export type PromotionSettings = z.infer<typeof PromotionSettingsSchema>;
