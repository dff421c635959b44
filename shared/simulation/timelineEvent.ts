import { z } from 'zod';

/** When an event happened: seconds since the simulation started, and since the drift onset (negative before it). */
const timing = { at: z.number(), since_onset: z.number() };
const version = z.string();

/**
 * One line of the live timeline (and one element of the summary's `events`):
 * - `onset`: the drifted phase starts; `drift` lists what is injected;
 * - `drift_check`: a new drift report, its action and reasons;
 * - `candidate`: a new complete version in the registry;
 * - `verdict`: a candidate was judged, with the primary metric of both sides (production's
 *   null for a first model);
 * - `production` / `rollback`: the production pointer moved (one event per history entry);
 * - `served`: `/predict` answers with another version than before.
 */
export const TimelineEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onset'), ...timing, drift: z.array(z.string()) }),
  z.object({
    kind: z.literal('drift_check'),
    ...timing,
    report_id: z.string(),
    model_version: version,
    action: z.string(),
    reasons: z.array(z.string()),
    train_requested: z.boolean(),
  }),
  z.object({ kind: z.literal('candidate'), ...timing, version }),
  z.object({
    kind: z.literal('verdict'),
    ...timing,
    version,
    decision: z.string(),
    reason: z.string(),
    primary_metric: z.string(),
    candidate_score: z.number(),
    production_version: version.nullable(),
    production_score: z.number().nullable(),
  }),
  z.object({ kind: z.literal('production'), ...timing, version, previous: version.nullable(), reason: z.string(), actor: z.string() }),
  z.object({ kind: z.literal('rollback'), ...timing, version, previous: version.nullable(), reason: z.string(), actor: z.string() }),
  z.object({ kind: z.literal('served'), ...timing, version, previous: version.nullable() }),
]);
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type TimelineEventKind = TimelineEvent['kind'];

/** `+62.1s (onset +2.1s)  ` then what happened, on one line. */
export function formatTimelineEvent(event: TimelineEvent): string {
  return `${formatTiming(event.at, event.since_onset)}  ${describe(event)}`;
}

/** `+62.1s (onset +2.1s)`; before the onset `+12.0s (onset -48.0s)`. */
export function formatTiming(at: number, sinceOnset: number): string {
  const onset = `${sinceOnset < 0 ? '-' : '+'}${Math.abs(sinceOnset).toFixed(1)}s`;
  return `+${at.toFixed(1)}s (onset ${onset})`;
}

function describe(event: TimelineEvent): string {
  switch (event.kind) {
    case 'onset':
      return `drift onset: ${event.drift.length ? event.drift.join(', ') : 'nothing injected'}`;
    case 'drift_check':
      return `drift check ${event.report_id}: ${event.action} — ${oneLine(event.reasons.join('; '))}`;
    case 'candidate':
      return `candidate ${event.version} trained`;
    case 'verdict': {
      const against = event.production_score === null ? 'no production model' : `production ${score(event.production_score)}`;
      return `verdict ${event.version} ${event.decision}: ${event.primary_metric} ${score(event.candidate_score)} vs ${against}`;
    }
    case 'production':
      return `production ${event.previous ?? 'none'} → ${event.version}: ${oneLine(event.reason)}`;
    case 'rollback':
      return `rollback: production ${event.previous ?? 'none'} → ${event.version}: ${oneLine(event.reason)}`;
    case 'served':
      return `/predict now serves ${event.version}`;
  }
}

const score = (value: number) => String(Number(value.toFixed(4)));
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
