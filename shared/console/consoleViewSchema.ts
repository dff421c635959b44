import { z } from 'zod';
import { TrafficPointSchema } from '../observability/trafficHistory.js';
import { ReceivedAlertSchema } from '../registry/alertSchemas.js';
import { DriftDecisionRecordSchema } from '../registry/driftSchemas.js';

/** Every time in the view: an ISO 8601 instant (`Date#toISOString`; an offset such as `+02:00` is accepted too). */
const instant = z.iso.datetime({ offset: true });

/** The production pointer: which version serves, since when, why and who moved it; null before the first promotion. */
export const ConsoleProductionSchema = z.object({
  version: z.string(),
  since: instant,
  reason: z.string(),
  actor: z.string(),
});
export type ConsoleProduction = z.infer<typeof ConsoleProductionSchema>;

/** What happened to a version: registered (trained and stored), promoted, rejected (lost to the champion), rolled back. */
export const TimelineKindSchema = z.enum(['registered', 'promoted', 'rejected', 'rolled_back']);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

/** One event of a version's life; `actor` is null when nobody in particular did it (a registration). */
export const TimelineEventSchema = z.object({
  at: instant,
  version: z.string(),
  kind: TimelineKindSchema,
  reason: z.string(),
  actor: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** One feature of the latest drift report: its test, score (null when not computed, e.g. `insufficient_data`) and threshold. */
export const ConsoleDriftColumnSchema = z.object({
  name: z.string(),
  stattest: z.string(),
  score: z.number().nullable(),
  threshold: z.number(),
  drifted: z.boolean(),
  /** `ok`, `insufficient_data`, …: shown as is. */
  status: z.string(),
});
export type ConsoleDriftColumn = z.infer<typeof ConsoleDriftColumnSchema>;

/** The latest drift report in brief; its full page is `/reports/<report_id>`. `drift_share` is a share (0–1). */
export const ConsoleDriftSchema = z.object({
  report_id: z.string().min(1),
  generated_at: instant,
  model_version: z.string(),
  dataset_drift: z.boolean(),
  drift_share: z.number().min(0).max(1),
  current_rows: z.number().int().nonnegative(),
  columns: z.array(ConsoleDriftColumnSchema),
});
export type ConsoleDrift = z.infer<typeof ConsoleDriftSchema>;

/** One drift decision as the console lists it. */
export const ConsoleDecisionSchema = DriftDecisionRecordSchema.pick({ decided_at: true, model_version: true, action: true, reasons: true, train_requested: true });
export type ConsoleDecision = z.infer<typeof ConsoleDecisionSchema>;

/** One live-quality measurement: `metric` of `model_version` on `rows` labeled predictions. */
export const QualityPointSchema = z.object({
  at: instant,
  model_version: z.string(),
  metric: z.string(),
  value: z.number(),
  rows: z.number().int().nonnegative(),
});
export type QualityPoint = z.infer<typeof QualityPointSchema>;


/** Traffic from the metrics sidecar, oldest first; `available: false` with a `note` saying why when it cannot be read. */
export const ConsoleTrafficSchema = z.object({
  available: z.boolean(),
  note: z.string().nullable(),
  points: z.array(TrafficPointSchema),
});
export type ConsoleTraffic = z.infer<typeof ConsoleTrafficSchema>;

/** One received alert as the console lists it. */
export const ConsoleAlertSchema = ReceivedAlertSchema.pick({ received_at: true, status: true, name: true, severity: true, summary: true, starts_at: true });
export type ConsoleAlert = z.infer<typeof ConsoleAlertSchema>;

/**
 * Everything the console page shows, gathered by the caller (the renderer reads no clock, store or
 * environment). Orders: `timeline`, `quality` and `traffic.points` oldest first; `decisions` and
 * `alerts` newest first. `generated_at` is when the data was gathered; the page reloads itself
 * every `refresh_seconds`.
 */
export const ConsoleViewSchema = z.object({
  generated_at: instant,
  refresh_seconds: z.number().int().positive(),
  production: ConsoleProductionSchema.nullable(),
  timeline: z.array(TimelineEventSchema),
  drift: ConsoleDriftSchema.nullable(),
  decisions: z.array(ConsoleDecisionSchema),
  quality: z.array(QualityPointSchema),
  traffic: ConsoleTrafficSchema,
  alerts: z.array(ConsoleAlertSchema),
});
export type ConsoleView = z.infer<typeof ConsoleViewSchema>;
