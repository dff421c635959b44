import { z } from 'zod';
import { VersionIdSchema } from '../registry/ids.js';
import type { ProductionModelProvider } from './productionModel.js';

/**
 * `GET /health`: `ok` when a model is served and the last check succeeded, `degraded` when a
 * model is served but the last reload failed (it keeps serving the previous one), `no_model`
 * when there is nothing to serve yet. Always answered with 200: the body says which.
 */
export const ServiceHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'no_model']),
  model_version: VersionIdSchema.nullable(),
  model_loaded_at: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  last_reload_error: z.string().nullable(),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

/** The health use case: checks the production pointer if due, then reports the serving state. */
export async function serviceHealth(models: ProductionModelProvider): Promise<ServiceHealth> {
  await models.refreshIfDue();
  const { loaded_at, ...state } = models.state();
  const status = state.model_version === null ? 'no_model' : state.last_reload_error ? 'degraded' : 'ok';
  return { status, ...state, model_loaded_at: loaded_at };
}
