import { z } from 'zod';
import { VersionIdSchema } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { ProductionPointer } from '../registry/schemas.js';

const ReasonSchema = z.string().trim().min(1, 'a reason is required').max(500);

/** `POST /promote` body: which version, and why (recorded in the history). */
export const ManualPromotionSchema = z.object({ version: VersionIdSchema, reason: ReasonSchema });
export type ManualPromotion = z.infer<typeof ManualPromotionSchema>;

/** `POST /rollback` body: why (recorded in the history). */
export const ManualRollbackSchema = z.object({ reason: ReasonSchema });
export type ManualRollback = z.infer<typeof ManualRollbackSchema>;

/** The manual promote use case: puts a complete version in production, recording who and why. */
export function promoteManually(registry: ModelRegistry, request: ManualPromotion, actor: string): Promise<ProductionPointer> {
  return registry.production.promote(request.version, { reason: request.reason, actor });
}

/** The manual rollback use case: back to the previous production version, recording who and why. */
export function rollbackManually(registry: ModelRegistry, request: ManualRollback, actor: string): Promise<ProductionPointer> {
  return registry.production.rollback({ reason: request.reason, actor });
}
