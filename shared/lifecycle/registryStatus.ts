import { z } from 'zod';
import { TrainingMetricsSchema } from '../automl/training/reports.js';
import { parseVersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import { ProductionPointerSchema, VerdictSchema, VersionLineageSchema, VersionSummarySchema } from '../registry/schemas.js';
import type { Clock } from '../ports/clock.js';
import type { FeedbackTally } from '../serving/feedbackTally.js';
import { feedbackStatus, FeedbackStatusSchema } from './feedbackStatus.js';
import { readMetrics } from './readArtifacts.js';
import { recentAlerts } from './receiveAlerts.js';
import { ReceivedAlertSchema } from '../registry/alertSchemas.js';

/**
 * `GET /status` and `alm status`: the production pointer with its whole history and the
 * production version's metrics, the number of versions, and the most recent versions, newest
 * first, with their verdicts (null while undecided), the ground-truth counts (`feedbackStatus`)
 * and the recent alerts.
 */
export const RegistryStatusSchema = z.object({
  production: ProductionPointerSchema.safeExtend({ metrics: TrainingMetricsSchema }).nullable(),
  versions: z.number().int().nonnegative(),
  candidates: z.array(VersionSummarySchema.extend({ verdict: VerdictSchema.nullable() })),
  feedback: FeedbackStatusSchema,
  /** The most recent alerts Alertmanager sent (`recentAlerts`), newest first. */
  alerts: z.array(ReceivedAlertSchema),
});
export type RegistryStatus = z.infer<typeof RegistryStatusSchema>;

/** One version with where it comes from (null: registered before lineage was kept, or not complete). */
export const VersionWithLineageSchema = VersionSummarySchema.extend({ lineage: VersionLineageSchema.nullable() });

/** `GET /versions` and `alm versions`: every claimed version, ascending, with its lineage. */
export const VersionListSchema = z.object({ versions: z.array(VersionWithLineageSchema) });
export type VersionList = z.infer<typeof VersionListSchema>;

/** `GET /versions/<v>` and `alm versions <v>`: one version, its lineage, its verdict and its metrics. */
export const VersionDetailSchema = VersionWithLineageSchema.extend({ verdict: VerdictSchema.nullable(), metrics: TrainingMetricsSchema });
export type VersionDetail = z.infer<typeof VersionDetailSchema>;

export async function describeRegistry(registry: ModelRegistry, feedback: FeedbackTally, clock: Clock, recent = 10): Promise<RegistryStatus> {
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
    feedback: await feedbackStatus(feedback, clock),
    alerts: await recentAlerts({ alerts: registry.alerts, clock }),
  };
}

export async function listVersions(registry: ModelRegistry): Promise<VersionList> {
  const versions = await registry.versions.list();
  return {
    versions: await mapWithConcurrency(versions, 8, async (summary) => ({
      ...summary,
      lineage: summary.complete ? ((await registry.lineage.get(summary.version)) ?? null) : null,
    })),
  };
}

/** One complete version (VersionNotFoundError otherwise; InvalidIdError for a malformed id). */
export async function versionDetail(registry: ModelRegistry, version: string): Promise<VersionDetail> {
  const id = parseVersionId(version);
  const manifest = await registry.versions.manifest(id);
  const [lineage, verdict, metrics] = await Promise.all([registry.lineage.get(id), registry.verdicts.get(id), readMetrics(registry.versions, id)]);
  return {
    version: id,
    complete: true,
    created_at: manifest.created_at,
    metadata: manifest.metadata,
    lineage: lineage ?? null,
    verdict: verdict ?? null,
    metrics,
  };
}
