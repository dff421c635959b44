import { z } from 'zod';
import { VersionIdSchema } from '../registry/ids.js';
import type { PredictionLog } from '../serving/predictionLog.js';
import type { ProductionModelProvider } from './productionModel.js';

/**
 * `GET /health`, as a load balancer's health check reads it: `ok` when a model is served and
 * its dependencies answer; `degraded` when a model is served (it keeps serving, from memory)
 * but something is wrong, each named in `reasons`: the last reload failed or was refused, the
 * registry is unreachable or lost (`registry`), or the prediction log's sends fail (its records
 * are held and retried: `prediction_log`); `no_model` when there is nothing to serve yet.
 * Always answered with 200: the body says which. The fields after `last_reload_error` are
 * optional in the schema, so a client reads an older service's answer too.
 */
export const ServiceHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'no_model']),
  model_version: VersionIdSchema.nullable(),
  model_loaded_at: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  last_reload_error: z.string().nullable(),
  registry: z.enum(['ok', 'unreachable', 'lost']).optional(),
  prediction_log: z
    .object({ held_records: z.number().int().nonnegative(), failing: z.boolean(), last_failure: z.string().nullable() })
    .optional(),
  reasons: z.array(z.string()).optional(),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

/** The health use case: checks the production pointer if due, then reports the serving state (and the prediction log's, when given). */
export async function serviceHealth(models: ProductionModelProvider, log?: Pick<PredictionLog, 'stats'>): Promise<ServiceHealth> {
  await models.refreshIfDue();
  const { loaded_at, registry, ...state } = models.state();
  const stats = log?.stats();
  const predictionLog = stats && { held_records: stats.heldRecords, failing: stats.failing, last_failure: stats.lastFailure ?? null };
  const reasons = [
    ...(registry === 'lost' ? ['registry lost: the production pointer is gone (see the README, "When the registry is lost")'] : []),
    ...(registry === 'unreachable' ? ['registry unreachable'] : []),
    ...(state.last_reload_error && registry === 'ok' ? ['last reload failed'] : []),
    ...(predictionLog?.failing && predictionLog.held_records > 0 ? [`prediction log failing: ${predictionLog.held_records} records held for retry`] : []),
  ];
  const status = state.model_version === null ? 'no_model' : reasons.length > 0 ? 'degraded' : 'ok';
  return { status, ...state, model_loaded_at: loaded_at, registry, ...(predictionLog ? { prediction_log: predictionLog } : {}), reasons };
}
