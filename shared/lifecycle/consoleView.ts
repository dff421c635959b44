import type { ConsoleDrift, ConsoleView, TimelineEvent } from '../console/consoleViewSchema.js';
import type { TrafficPoint } from '../observability/trafficHistory.js';
import type { Clock } from '../ports/clock.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { DriftDecisionRecord } from '../registry/schemas.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import { driftColumns, driftScore } from './driftGauges.js';
import { recentAlerts } from './receiveAlerts.js';

/** How often the console page reloads itself, and how much history it reads. */
export const CONSOLE_SETTINGS = { refreshSeconds: 15, versions: 30, decisions: 30 } as const;

export interface ConsolePorts {
  readonly registry: ModelRegistry;
  readonly clock: Clock;
  /** The sidecar's traffic history; a rejection shows as "not available" with its message. */
  readonly traffic: () => Promise<TrafficPoint[]>;
}

/**
 * What `GET /console` shows, read from the registry and the sidecar: the production version;
 * the timeline of the last `versions` versions (registered, rejected by their verdict, promoted
 * and rolled back as the pointer's history records them, with reasons); the latest drift
 * report's columns; the last `decisions` drift decisions, and the live quality each measured
 * (oldest first); the sidecar's request rate, p95 and error share; the recent alerts.
 */
export async function buildConsoleView(ports: ConsolePorts): Promise<ConsoleView> {
  const { registry } = ports;
  const [production, versions, reportIds, alerts, traffic] = await Promise.all([
    registry.production.get(),
    registry.versions.list(),
    registry.drift.list(CONSOLE_SETTINGS.decisions),
    recentAlerts({ alerts: registry.alerts, clock: ports.clock }),
    ports.traffic().then(
      (points) => ({ available: true, note: null, points }),
      (error: unknown) => ({ available: false, note: `traffic not available: ${(error as Error).message}`, points: [] }),
    ),
  ]);
  const recent = versions.filter((summary) => summary.complete).slice(-CONSOLE_SETTINGS.versions);
  const verdicts = await mapWithConcurrency(recent, 8, (summary) => registry.verdicts.get(summary.version));
  const decisions = (await mapWithConcurrency(reportIds, 8, (id) => registry.drift.decision(id))).filter((d): d is DriftDecisionRecord => d !== undefined);
  const pointer = production?.pointer;
  const last = pointer?.history.at(-1);
  const timeline: TimelineEvent[] = [
    ...recent.flatMap((summary) => (summary.created_at ? [{ at: summary.created_at, version: summary.version, kind: 'registered' as const, reason: describeCandidate(summary.metadata), actor: 'train' }] : [])),
    ...verdicts.flatMap((verdict) => (verdict && verdict.decision !== 'promoted' ? [{ at: verdict.decided_at, version: verdict.version, kind: 'rejected' as const, reason: verdict.reason, actor: 'promote-queue' }] : [])),
    ...(pointer?.history ?? []).map((event) => ({ at: event.at, version: event.version, kind: event.kind === 'rollback' ? ('rolled_back' as const) : ('promoted' as const), reason: event.reason, actor: event.actor })),
  ];
  return {
    generated_at: ports.clock.now().toISOString(),
    refresh_seconds: CONSOLE_SETTINGS.refreshSeconds,
    production: pointer && last ? { version: pointer.version, since: last.at, reason: last.reason, actor: last.actor } : null,
    timeline: timeline.sort((a, b) => a.at.localeCompare(b.at)),
    drift: reportIds[0] ? await latestDrift(registry, reportIds[0]) : null,
    decisions: decisions.map(({ decided_at, model_version, action, reasons, train_requested }) => ({ decided_at, model_version, action, reasons, train_requested })),
    quality: decisions
      .flatMap((d) => (d.quality ? [{ at: d.quality.measured_at, model_version: d.quality.version, metric: d.quality.metric, value: d.quality.live, rows: d.quality.rows }] : []))
      .reverse(),
    traffic,
    alerts: alerts.map(({ received_at, status, name, severity, summary, starts_at }) => ({ received_at, status, name, severity, summary, starts_at })),
  };
}

async function latestDrift(registry: ModelRegistry, id: string): Promise<ConsoleDrift> {
  const report = await registry.drift.document(id);
  const { result } = report;
  return {
    report_id: report.id,
    generated_at: report.generated_at,
    model_version: report.model_version,
    dataset_drift: result.dataset_drift,
    drift_share: result.drift_share,
    current_rows: report.current_rows,
    columns: driftColumns(result).map(([name, column]) => ({
      name,
      stattest: column.stattest,
      score: driftScore(column),
      threshold: column.threshold,
      drifted: column.drift,
      status: column.status,
    })),
  };
}

function describeCandidate(metadata: { candidate?: string; primary_metric?: string; test_score?: number } | null): string {
  if (!metadata?.candidate) return 'registered';
  return `${metadata.candidate}, test ${metadata.primary_metric ?? 'score'} ${metadata.test_score?.toFixed(4) ?? '—'}`;
}
