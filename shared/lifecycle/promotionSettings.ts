import { z } from 'zod';
import { BootstrapSettingsSchema } from '../decision/bootstrap/pairedBootstrap.js';
import { ChallengerPolicySchema } from '../decision/challengerPolicy.js';

/** How a candidate is judged against production: the policy's margin and the bootstrap's samples, confidence and seed. */
export const PromotionSettingsSchema = z.object({
  policy: ChallengerPolicySchema.prefault({}),
  bootstrap: BootstrapSettingsSchema.prefault({}),
});
export type PromotionSettingsInput = z.input<typeof PromotionSettingsSchema>;
