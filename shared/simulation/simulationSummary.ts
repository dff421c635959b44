import { z } from 'zod';
import { formatTiming, TimelineEventSchema, type TimelineEvent } from './timelineEvent.js';
import type { TrafficCounters } from './trafficCounters.js';

const count = z.number().int().nonnegative();
const secondsOrNull = z.number().nullable();

/** The first events after the onset the summary times: seconds from the onset, null when not seen. */
export const OnsetToFirstSchema = z.object({
  drift_check: secondsOrNull,
  retrain: secondsOrNull,
  candidate: secondsOrNull,
  verdict: secondsOrNull,
  promoted: secondsOrNull,
  production: secondsOrNull,
  rollback: secondsOrNull,
  served: secondsOrNull,
});
export type OnsetToFirst = z.infer<typeof OnsetToFirstSchema>;

/**
 * `alm simulate --json`: one object at the end. Times are seconds (from the start unless named
 * otherwise); `onset_to_first` times, from the onset, the first drift check, retrain decision,
 * new candidate, verdict, promoted verdict, production change, rollback and served-version
 * change at or after the onset.
 */
export const SimulationSummarySchema = z.object({
  url: z.string(),
  csv: z.string(),
  rows: count,
  target: z.string(),
  rate: z.number(),
  batch: count,
  stationary_seconds: z.number(),
  drifted_seconds: z.number(),
  feedback_share: z.number(),
  seed: count,
  drift: z.array(z.string()),
  duration_seconds: z.number(),
  requests: z.object({ planned: count, sent: count, ok: count, failed: count }),
  records: z.object({ sent: count, predicted: count }),
  feedback: z.object({ labels: count, accepted: count, requests: count, failed: count }),
  poll_failures: count,
  served: z.record(z.string(), z.object({ predictions: count, first_at: z.number() })),
  events: z.array(TimelineEventSchema),
  onset_to_first: OnsetToFirstSchema,
  first_failure: z.string().nullable(),
});
export type SimulationSummary = z.infer<typeof SimulationSummarySchema>;

/** The run's settings, as the summary repeats them. */
export type SimulationSettings = Pick<
  SimulationSummary,
  'url' | 'csv' | 'rows' | 'target' | 'rate' | 'batch' | 'stationary_seconds' | 'drifted_seconds' | 'feedback_share' | 'seed' | 'drift'
>;

export function summarize(settings: SimulationSettings, planned: number, counters: TrafficCounters, events: readonly TimelineEvent[], durationSeconds: number): SimulationSummary {
  return {
    ...settings,
    duration_seconds: Number(durationSeconds.toFixed(3)),
    requests: { planned, sent: counters.sent, ok: counters.ok, failed: counters.failed },
    records: { sent: counters.records, predicted: counters.predicted },
    feedback: { ...counters.feedback },
    poll_failures: counters.pollFailures,
    served: Object.fromEntries(counters.served),
    events: [...events],
    onset_to_first: onsetToFirst(events),
    first_failure: counters.firstFailure,
  };
}

/** Seconds from the onset to the first event of each kind at or after it. */
export function onsetToFirst(events: readonly TimelineEvent[]): OnsetToFirst {
  const after = events.filter((e) => e.since_onset >= 0);
  const first = (test: (e: TimelineEvent) => boolean) => after.find(test)?.since_onset ?? null;
  return {
    drift_check: first((e) => e.kind === 'drift_check'),
    retrain: first((e) => e.kind === 'drift_check' && e.action === 'retrain'),
    candidate: first((e) => e.kind === 'candidate'),
    verdict: first((e) => e.kind === 'verdict'),
    promoted: first((e) => e.kind === 'verdict' && e.decision === 'promoted'),
    production: first((e) => e.kind === 'production'),
    rollback: first((e) => e.kind === 'rollback'),
    served: first((e) => e.kind === 'served'),
  };
}

/** The summary as text: counts, versions served, and the time from the onset to each first event. */
export function formatSummary(summary: SimulationSummary): string[] {
  const { requests, records, feedback } = summary;
  const served = Object.entries(summary.served).map(
    ([version, s]) => `${version} ${s.predictions} predictions, first ${formatTiming(s.first_at, s.first_at - summary.stationary_seconds)}`,
  );
  const firsts = Object.entries(summary.onset_to_first).map(([kind, s]) => `${kind.replace('_', ' ')} ${s === null ? '-' : `+${s.toFixed(1)}s`}`);
  const lines = [
    `done in ${summary.duration_seconds.toFixed(1)}s: ${requests.sent} of ${requests.planned} requests sent, ${requests.ok} ok, ${requests.failed} failed; ` +
      `${records.sent} records, ${records.predicted} predicted`,
    `feedback: ${feedback.labels} labels in ${feedback.requests} requests, ${feedback.accepted} accepted, ${feedback.failed} requests failed`,
    `served: ${served.length ? served.join('; ') : 'nothing'}`,
    `from onset to first: ${firsts.join(', ')}`,
  ];
  if (summary.poll_failures > 0) lines.push(`observations that failed: ${summary.poll_failures}`);
  if (summary.first_failure) lines.push(`first failure: ${summary.first_failure}`);
  return lines;
}
