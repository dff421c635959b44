import { z } from 'zod';
import { VersionIdSchema } from '../registry/ids.js';
import type { Metrics } from '../ports/metrics.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { ProductionPointer } from '../registry/schemas.js';
import { acceptModel } from './acceptModel.js';

const ReasonSchema = z.string().trim().min(1, 'a reason is required').max(500);

/** `POST /promote` body: which version, and why (recorded in the history). */
export const ManualPromotionSchema = z.object({ version: VersionIdSchema, reason: ReasonSchema });
export type ManualPromotion = z.infer<typeof ManualPromotionSchema>;

/** `POST /rollback` body: why (recorded in the history). */
export const ManualRollbackSchema = z.object({ reason: ReasonSchema });
export type ManualRollback = z.infer<typeof ManualRollbackSchema>;

/** What moving production by hand needs: the registry, and where the move is counted. */
export interface MovePorts {
  readonly registry: ModelRegistry;
  readonly metrics: Metrics;
}

/**
 * The manual promote use case: puts a complete version in production, recording who and why
 * (`alm_promotions_total{trigger="manual"}`). A version whose model.json fails `acceptModel` is
 * refused (ModelRejectedError) and production stays where it is.
 */
export async function promoteManually(ports: MovePorts, request: ManualPromotion, actor: string): Promise<ProductionPointer> {
  await acceptModel(ports.registry.versions, request.version, ports.metrics, 'promote');
  const pointer = await ports.registry.production.promote(request.version, { reason: request.reason, actor });
  ports.metrics.increment('alm_promotions_total', { trigger: 'manual' });
  return pointer;
}

/** The manual rollback use case: back to the previous production version, recording who and why (`alm_rollbacks_total{trigger="manual"}`). */
export async function rollbackManually(ports: MovePorts, request: ManualRollback, actor: string): Promise<ProductionPointer> {
  const pointer = await ports.registry.production.rollback({ reason: request.reason, actor });
  ports.metrics.increment('alm_rollbacks_total', { trigger: 'manual' });
  return pointer;
}
