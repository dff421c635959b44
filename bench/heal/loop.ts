/**
 * Step 2, the self-healing loop: `alm simulate` stationary then drifted against the stack, and
 * what the stack did, from the simulation's summary and the stack's own documents: the retrain
 * decisions of the stationary phase (reports whose window ends before the onset), then from the
 * onset the first flagging check, the retrain decision, the candidate, its verdict (both scores
 * and the interval, GET /versions/<v>), the promotion and /predict serving it; requests sent and failed.
 */
import type { SimulationSummary } from '../../shared/simulation/simulationSummary.js';
import type { HealApi } from './api.js';
import { isRetrain, readChecks, splitAtOnset, type CheckSummary } from './reports.js';
import { runSimulation } from './simulation.js';
import { describeVerdict, type VerdictFigures } from './verdict.js';
import type { BenchTimeline } from './timeline.js';

export interface LoopSettings {
  readonly heldOutCsv: string;
  readonly rate: number;
  readonly stationary: number;
  readonly drifted: number;
  readonly feedback: number;
  readonly shift: string;
  readonly relabel: string;
  readonly poll: number;
}

export interface LoopResult {
  readonly summary: SimulationSummary | undefined;
  readonly exitCode: number | null;
  /** undefined: neither the reports nor the simulation's timeline could be read. */
  readonly stationaryChecks: number | undefined;
  readonly stationaryRetrains: number | undefined;
  /** Where the stationary counts come from: the stack's reports, or (when those could not be read) alm simulate's timeline. */
  readonly stationarySource: 'reports' | 'timeline' | undefined;
  readonly driftedChecks: readonly CheckSummary[];
  /** Seconds from the onset to the first check that saw large drift (from the report's own time). */
  readonly firstFlagging: { readonly seconds: number; readonly check: CheckSummary } | undefined;
  readonly candidate: string | undefined;
  readonly verdict: VerdictFigures | undefined;
  /** onset → served new version, seconds (summary.onset_to_first.served). */
  readonly servedSeconds: number | null;
  readonly requestRate: number | undefined;
  readonly failed: number | undefined;
  readonly problems: readonly string[];
}

export interface SimulationHandle {
  interrupt(): void;
}

export async function runLoop(
  root: string,
  api: HealApi,
  settings: LoopSettings,
  timeline: BenchTimeline,
  onChild: (child: SimulationHandle | undefined) => void,
): Promise<LoopResult> {
  const args = [
    settings.heldOutCsv,
    '--json',
    '--rate', String(settings.rate),
    '--stationary', String(settings.stationary),
    '--drifted', String(settings.drifted),
    '--feedback', String(settings.feedback),
    '--shift', settings.shift,
    '--relabel', settings.relabel,
    '--poll', String(settings.poll),
  ];
  timeline.say(`step 2: alm simulate ${args.map((a) => (/[>\s]/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const child = runSimulation(root, api.url, args, (line) => timeline.relay('  simulate |', line));
  onChild(child);
  const run = await child.done;
  onChild(undefined);
  const problems: string[] = [];
  if (run.error) problems.push(`alm simulate: ${run.error}`);
  if (run.exitCode !== 0) problems.push(`alm simulate exited with ${run.exitCode}`);
  const summary = run.summary;
  if (!summary || run.startedAt === undefined) {
    return { summary, exitCode: run.exitCode, stationaryChecks: undefined, stationaryRetrains: undefined, stationarySource: undefined, driftedChecks: [], firstFlagging: undefined, candidate: undefined, verdict: undefined, servedSeconds: null, requestRate: undefined, failed: undefined, problems };
  }
  const onsetAt = run.startedAt + summary.stationary_seconds * 1000;
  const endAt = run.startedAt + summary.duration_seconds * 1000;
  let checks: CheckSummary[] | undefined;
  try {
    checks = await readChecks(api);
  } catch (error) {
    problems.push(`reading the reports: ${(error as Error).message}; the stationary counts are the checks alm simulate's timeline saw`);
  }
  const { stationary, drifted } = splitAtOnset(checks ?? [], onsetAt, endAt);
  for (const check of stationary.filter(isRetrain)) problems.push(`stationary retrain: ${check.id} ${check.reasons.join('; ')}`);
  const seen = summary.events.filter((e) => e.kind === 'drift_check' && e.since_onset < 0);
  const stationaryCounts = checks
    ? { stationaryChecks: stationary.length, stationaryRetrains: stationary.filter(isRetrain).length, stationarySource: 'reports' as const }
    : { stationaryChecks: seen.length, stationaryRetrains: seen.filter((e) => e.kind === 'drift_check' && e.action === 'retrain').length, stationarySource: 'timeline' as const };
  const flagging = drifted.find((c) => c.largeDrift);
  const first = summary.events.find((e) => e.kind === 'candidate' && e.since_onset >= 0);
  const candidate = first?.kind === 'candidate' ? first.version : undefined;
  let verdict: VerdictFigures | undefined;
  if (candidate) {
    try {
      const detail = await api.get(`/versions/${candidate}`);
      if (detail.verdict) verdict = describeVerdict(detail);
      else problems.push(`${candidate} has no verdict yet`);
    } catch (error) {
      problems.push(`GET /versions/${candidate}: ${(error as Error).message}`);
    }
  }
  return {
    summary,
    exitCode: run.exitCode,
    ...stationaryCounts,
    driftedChecks: drifted,
    firstFlagging: flagging ? { seconds: (flagging.generatedAt - onsetAt) / 1000, check: flagging } : undefined,
    candidate,
    verdict,
    servedSeconds: summary.onset_to_first.served,
    requestRate: summary.requests.sent / summary.duration_seconds,
    failed: summary.requests.failed + summary.feedback.failed,
    problems,
  };
}
