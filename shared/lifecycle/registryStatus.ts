import { z } from 'zod';
import { TrainingMetricsSchema } from '../automl/training/reports.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { ProductionPointerSchema, VerdictSchema, VersionSummarySchema } from '../registry/schemas.js';
import type { Clock } from '../ports/clock.js';
import { feedbackStatus, FeedbackStatusSchema } from './feedbackStatus.js';
import { readMetrics } from './readArtifacts.js';

/**
 * `GET /status` and `alm status`: the production pointer with its whole history and the
 * production version's metrics, the number of versions, and the most recent versions, newest
 * first, with their verdicts (null while undecided), and the ground-truth counts (`feedbackStatus`).
 */
export const RegistryStatusSchema = z.object({
  production: ProductionPointerSchema.safeExtend({ metrics: TrainingMetricsSchema }).nullable(),
  versions: z.number().int().nonnegative(),
  candidates: z.array(VersionSummarySchema.extend({ verdict: VerdictSchema.nullable() })),
  feedback: FeedbackStatusSchema,
});
export type RegistryStatus = z.infer<typeof RegistryStatusSchema>;

/** `GET /versions` and `alm versions`: every claimed version, ascending. */
export const VersionListSchema = z.object({ versions: z.array(VersionSummarySchema) });
export type VersionList = z.infer<typeof VersionListSchema>;

export async function describeRegistry(registry: ModelRegistry, clock: Clock, recent = 10): Promise<RegistryStatus> {
  const production = await registry.production.get();
  const versions = await registry.versions.list();
  const candidates = await Promise.all(
    versions
      .slice(-recent)
      .reverse()
      .map(async (summary) => ({ ...summary, verdict: (await registry.verdicts.get(summary.version)) ?? null })),
  );
  return {
    production: production
      ? { ...production.pointer, metrics: await readMetrics(registry.versions, production.pointer.version) }
      : null,
    versions: versions.length,
    candidates,
    feedback: await feedbackStatus(registry, clock),
  };
}

export async function listVersions(registry: ModelRegistry): Promise<VersionList> {
  return { versions: await registry.versions.list() };
}
