import type { TimelineEvent } from './timelineEvent.js';

/** What `/status` says, as far as the timeline reads it (a `RegistryStatus` fits). */
export interface ObservedStatus {
  readonly production: {
    readonly version: string;
    readonly sequence: number;
    readonly history: readonly { sequence: number; version: string; previous: string | null; at: string; reason: string; actor: string; kind: string }[];
  } | null;
  readonly candidates: readonly {
    readonly version: string;
    readonly complete: boolean;
    readonly created_at: string | null;
    readonly verdict: {
      decision: string;
      reason: string;
      primary_metric: string;
      candidate_score: number;
      production_version: string | null;
      production_score: number | null;
      decided_at: string;
    } | null;
  }[];
}

/** A drift report, as far as the timeline reads it (a `DriftReportDocument` fits). */
export interface ObservedReport {
  readonly id: string;
  readonly generated_at: string;
  readonly model_version: string;
  readonly decision: { readonly action: string; readonly reasons: readonly string[]; readonly train_requested: boolean };
}

/** How many `/predict` answers one version gave since the previous observation, and the first one's time (epoch ms). */
export interface ServedCount {
  readonly version: string;
  readonly count: number;
  readonly first_at: number;
}

/**
 * One look at the running stack. Each part is absent when its call failed (the timeline keeps
 * what it knew). `reports` holds only the documents of reports not seen before (`unseenReports`).
 */
export interface Observation {
  /** Epoch ms. */
  readonly observed_at: number;
  readonly status?: ObservedStatus;
  readonly reports?: readonly ObservedReport[];
  /** The `/predict` answers since the previous observation, by version. */
  readonly served?: readonly ServedCount[];
  /** `GET /health`'s model_version: the served version when no prediction was answered. */
  readonly health_version?: string | null;
}

/** What the timeline knows; start it with `initialTimeline` on a look taken before any traffic. */
export interface TimelineState {
  readonly reports: ReadonlySet<string>;
  readonly complete: ReadonlySet<string>;
  readonly judged: ReadonlySet<string>;
  readonly sequence: number;
  readonly served: string | null;
  /** Versions answering besides `served` since it last changed, with their first answer (epoch ms). */
  readonly rising: ReadonlyMap<string, number>;
}

/** The simulation's start and drift onset, epoch ms. */
export interface TimelineClock {
  readonly startedAt: number;
  readonly onsetAt: number;
}

/** The state of a first look (with the report ids listed then): what exists already is known, and makes no event. */
export function initialTimeline(first: Observation, reportIds: readonly string[] = []): TimelineState {
  const empty: TimelineState = { reports: new Set(reportIds), complete: new Set(), judged: new Set(), sequence: 0, served: null, rising: new Map() };
  return advanceTimeline(empty, first, { startedAt: first.observed_at, onsetAt: first.observed_at }).state;
}

/** The report ids of a `/reports` listing the timeline has not seen, oldest first (the listing is newest first). */
export function unseenReports(state: TimelineState, ids: readonly string[]): string[] {
  return ids.filter((id) => !state.reports.has(id)).reverse();
}

/**
 * The events between the previous look and this one, in time order, and the next state. Pure.
 * An event's time is the server's own timestamp (report `generated_at`, manifest `created_at`,
 * verdict `decided_at`, history `at`) or, for `served`, the first answer of the new version,
 * clamped to [start, this look], so a skewed clock cannot place it before the start or after it
 * was seen. The served version is the one that answered most since the previous look (ties: the
 * one seen last); with no answer, `/health`'s. Seconds are rounded to milliseconds.
 */
export function advanceTimeline(state: TimelineState, seen: Observation, clock: TimelineClock): { state: TimelineState; events: TimelineEvent[] } {
  const events: TimelineEvent[] = [];
  const timing = (when: number) => {
    const at = Math.min(Math.max(when, clock.startedAt), seen.observed_at);
    return { at: seconds(at - clock.startedAt), since_onset: seconds(at - clock.onsetAt) };
  };
  const serverTime = (iso: string | null | undefined) => timing(iso ? Date.parse(iso) || seen.observed_at : seen.observed_at);

  const reports = new Set(state.reports);
  for (const report of seen.reports ?? []) {
    if (reports.has(report.id)) continue;
    reports.add(report.id);
    const { action, reasons, train_requested } = report.decision;
    events.push({ kind: 'drift_check', ...serverTime(report.generated_at), report_id: report.id, model_version: report.model_version, action, reasons: [...reasons], train_requested });
  }

  const complete = new Set(state.complete);
  const judged = new Set(state.judged);
  let sequence = state.sequence;
  if (seen.status) {
    for (const candidate of [...seen.status.candidates].reverse()) {
      if (candidate.complete && !complete.has(candidate.version)) {
        complete.add(candidate.version);
        events.push({ kind: 'candidate', ...serverTime(candidate.created_at), version: candidate.version });
      }
      const verdict = candidate.verdict;
      if (verdict && !judged.has(candidate.version)) {
        judged.add(candidate.version);
        const { decision, reason, primary_metric, candidate_score, production_version, production_score } = verdict;
        events.push({ kind: 'verdict', ...serverTime(verdict.decided_at), version: candidate.version, decision, reason, primary_metric, candidate_score, production_version, production_score });
      }
    }
    const production = seen.status.production;
    for (const change of production?.history ?? []) {
      if (change.sequence <= sequence) continue;
      const kind = change.kind === 'rollback' ? 'rollback' : 'production';
      events.push({ kind, ...serverTime(change.at), version: change.version, previous: change.previous, reason: change.reason, actor: change.actor });
    }
    sequence = production?.sequence ?? sequence;
  }

  let { served } = state;
  const rising = new Map(state.rising);
  const answers = seen.served ?? [];
  for (const { version, first_at } of answers) if (version !== served && !rising.has(version)) rising.set(version, first_at);
  const most = [...answers].sort((a, b) => b.count - a.count || b.first_at - a.first_at)[0];
  const now = most?.version ?? seen.health_version ?? served;
  if (now !== served) {
    events.push({ kind: 'served', ...timing(rising.get(now as string) ?? seen.observed_at), version: now as string, previous: served });
    served = now;
    rising.clear();
  }

  events.sort((a, b) => a.at - b.at);
  return { state: { reports, complete, judged, sequence, served, rising }, events };
}

const seconds = (ms: number) => Math.round(ms) / 1000;
