import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { AutomlError, InvalidDatasetError } from '../../shared/automl/errors.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { ServiceHealthSchema } from '../../shared/lifecycle/serviceHealth.js';
import { PredictResponseSchema } from '../../shared/serving/predictionOutput.js';
import { applyDrift } from '../../shared/simulation/applyDrift.js';
import { parseDriftFlags } from '../../shared/simulation/driftSpec.js';
import { FeedbackBuffer, type FeedbackLabel } from '../../shared/simulation/feedbackBuffer.js';
import { pace } from '../../shared/simulation/pacer.js';
import { recordAt, replayData } from '../../shared/simulation/replayData.js';
import { resolveDrift } from '../../shared/simulation/resolveDrift.js';
import { parseSimulationOptions, SIMULATION_OPTION_RULES } from '../../shared/simulation/simulationOptions.js';
import { formatSummary, summarize } from '../../shared/simulation/simulationSummary.js';
import { advanceTimeline, initialTimeline, type ServedCount, type TimelineState } from '../../shared/simulation/timeline.js';
import { formatTimelineEvent, type TimelineEvent } from '../../shared/simulation/timelineEvent.js';
import { emptyCounters, formatProgress } from '../../shared/simulation/trafficCounters.js';
import { trafficPlan, type Phase, type PlannedRequest } from '../../shared/simulation/trafficPlan.js';
import { apiUrl, callApi } from '../apiClient.js';
import { parseCommand } from '../options.js';
import { readTextFile } from '../readTextFile.js';
import { stackObserver } from '../stackObserver.js';

export const SIMULATE_USAGE =
  'alm simulate <data.csv> [--target col] [--rate r] [--batch n] [--stationary s] [--drifted s] [--feedback share] [--seed n] ' +
  '[--shift f=d|f=kstd]… [--scale f=x]… [--frequencies f=c:w,…]… [--relabel f>t]… [--poll s] [--concurrency n] [--json]';

const DRIFT_FLAGS = ['shift', 'scale', 'frequencies', 'relabel'] as const;
const FLAGS = {
  target: { type: 'string' },
  json: { type: 'boolean' },
  ...Object.fromEntries(Object.keys(SIMULATION_OPTION_RULES).map((name) => [name, { type: 'string' }])),
  ...Object.fromEntries(DRIFT_FLAGS.map((name) => [name, { type: 'string', multiple: true }])),
} as const;

/** `POST /feedback`'s answer: the API has no schema of its own for it. */
const FeedbackResponseSchema = z.object({ accepted: z.number().int().nonnegative() });

/**
 * `alm simulate <data.csv>`: replays the CSV's rows against the running stack, stationary then
 * drifted, sends ground truth for a share of the predictions, and prints the timeline of what the
 * stack does (drift checks, candidates, verdicts, production and served-version changes) and a
 * summary (`--json`: one object on stdout, the timeline on stderr). Public routes only.
 * Returns 0, or 1 when a /predict or /feedback request failed (130 when interrupted).
 */
export async function simulateCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommand(args, FLAGS);
  if (positionals.length !== 1) throw new UsageError(`expected one CSV file: ${SIMULATE_USAGE}`);
  const [csvPath] = positionals;
  const options = parseSimulationOptions(values as Record<string, string | undefined>);
  const spec = parseDriftFlags(values as Record<(typeof DRIFT_FLAGS)[number], string[] | undefined>);
  const data = inFile(csvPath, () => replayData(parseCsv(readTextFile(csvPath)), values.target as string | undefined));
  const drift = resolveDrift(data, spec);
  const plan = trafficPlan({ rows: data.rows, ...options, stationarySeconds: options.stationary, driftedSeconds: options.drifted, feedbackShare: options.feedback, driftedRowWeights: drift.rowWeights?.weights });
  const json = values.json === true;
  const say = (line: string) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    (json ? process.stderr : process.stdout).write(`${line}\n`);
  };

  const health = await callApi(ServiceHealthSchema, 'GET', '/health');
  if (health.status === 'no_model') throw new UsageError('the stack serves no model yet (GET /health: no_model): wait for v0001 (alm status)');
  const counters = emptyCounters();
  const feedback = new FeedbackBuffer();
  const events: TimelineEvent[] = [];
  let interval = new Map<string, ServedCount>();
  const observeStack = stackObserver(counters, say);
  /** One look at the stack, with what /predict served since the last one. */
  const look = (state: TimelineState | undefined) => {
    const served = [...interval.values()];
    interval = new Map();
    return observeStack(state, served);
  };
  const baseline = await look(undefined);
  let state = initialTimeline(baseline.observation, baseline.ids);

  const drifts = drift.descriptions.length ? drift.descriptions.join(', ') : 'no drift';
  say(
    `simulate: ${data.rows} rows of ${basename(csvPath)} → ${apiUrl()}: ${options.rate} requests/s × ${options.batch} record(s), ` +
      `${options.stationary}s stationary then ${options.drifted}s drifted (${drifts}); feedback for ${options.feedback * 100}%; ` +
      `production ${baseline.observation.status?.production?.version ?? 'unknown'}, /predict serves ${state.served ?? 'unknown'}`,
  );
  const startedAt = Date.now();
  const startMs = performance.now();
  const clock = { startedAt, onsetAt: startedAt + options.stationary * 1000 };
  const elapsed = () => (performance.now() - startMs) / 1000;
  const record = (found: TimelineEvent[]) => {
    for (const event of found) say(formatTimelineEvent(event));
    events.push(...found);
  };
  let phase: Phase | 'done' = 'stationary';
  let lagMs = 0;
  let interrupted = false;
  const onInterrupt = () => void (interrupted = true);
  process.once('SIGINT', onInterrupt);

  const fail = (what: string, error: unknown) => {
    counters.firstFailure ??= `${what}: ${(error as Error)?.message ?? String(error)}`;
  };
  const predict = async (request: PlannedRequest, lag: number): Promise<void> => {
    lagMs = lag;
    if (request.phase !== phase) {
      phase = request.phase;
      record([{ kind: 'onset', at: options.stationary, since_onset: 0, drift: [...drift.descriptions] }]);
    }
    const items = request.rows.map((row) => {
      const plain = { record: recordAt(data, row), label: data.target.labels[row] };
      return request.phase === 'drifted' ? applyDrift(plain, drift) : plain;
    });
    counters.sent++;
    counters.records += items.length;
    try {
      const answer = await callApi(PredictResponseSchema, 'POST', '/predict', { body: { records: items.map((item) => item.record) } });
      if (answer.predictions.length !== items.length) throw new Error(`${answer.predictions.length} predictions for ${items.length} records`);
      counters.ok++;
      counters.predicted += items.length;
      const version = answer.model_version;
      const now = Date.now();
      const tally = interval.get(version) ?? { version, count: 0, first_at: now };
      interval.set(version, { ...tally, count: tally.count + items.length });
      const total = counters.served.get(version) ?? { predictions: 0, first_at: Number(((now - startedAt) / 1000).toFixed(3)) };
      counters.served.set(version, { ...total, predictions: total.predictions + items.length });
      const labels: FeedbackLabel[] = [];
      items.forEach(({ label }, i) => {
        if (request.feedback[i] && label !== null) labels.push({ prediction_id: answer.predictions[i].prediction_id, actual: label });
      });
      feedback.add(labels);
    } catch (error) {
      counters.failed++;
      fail('POST /predict', error);
    }
  };
  const sendFeedback = async (): Promise<void> => {
    for (const batch of feedback.takeBatches()) {
      counters.feedback.requests++;
      counters.feedback.labels += batch.length;
      try {
        counters.feedback.accepted += (await callApi(FeedbackResponseSchema, 'POST', '/feedback', { body: { records: batch } })).accepted;
      } catch (error) {
        counters.feedback.failed++;
        fail('POST /feedback', error);
      }
    }
  };
  const observe = async (): Promise<void> => {
    const next = advanceTimeline(state, (await look(state)).observation, clock);
    state = next.state;
    record(next.events);
  };

  const stop = new AbortController();
  const every = async (seconds: number, task: () => Promise<void> | void): Promise<void> => {
    for (;;) {
      const go = await sleep(seconds * 1000, true, { signal: stop.signal }).catch(() => false);
      if (!go) return;
      await task();
    }
  };
  const progress = () => formatProgress(elapsed(), phase, counters, lagMs);
  const loops = [
    every(options.poll, observe),
    every(1, sendFeedback),
    every(process.stderr.isTTY ? 1 : 10, () => void process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${progress()}` : `${progress()}\n`)),
  ];
  await pace(plan.requests(), {
    startMs,
    concurrency: options.concurrency,
    clock: { now: () => performance.now(), sleep: (ms) => sleep(ms) },
    send: predict,
    stopped: () => interrupted,
  });
  const duration = elapsed();
  phase = 'done';
  stop.abort();
  await Promise.all(loops);
  process.off('SIGINT', onInterrupt);
  await sendFeedback();
  await observe();

  const settings = { url: apiUrl(), csv: csvPath, rows: data.rows, target: data.target.name, ...pick(options), drift: [...drift.descriptions] };
  const summary = summarize(settings, plan.total, counters, events, duration);
  for (const line of formatSummary(summary)) say(line);
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  const failed = counters.failed + counters.feedback.failed;
  if (failed > 0) process.stderr.write(`alm: ${failed} request(s) failed; first: ${counters.firstFailure}\n`);
  return interrupted ? 130 : failed > 0 ? 1 : 0;
}

function pick(options: ReturnType<typeof parseSimulationOptions>) {
  return {
    rate: options.rate,
    batch: options.batch,
    stationary_seconds: options.stationary,
    drifted_seconds: options.drifted,
    feedback_share: options.feedback,
    seed: options.seed,
  };
}

/** Runs `read`, naming `path` in a data error. */
function inFile<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    throw cause instanceof AutomlError ? new InvalidDatasetError(`${path}: ${cause.message}`, { cause }) : cause;
  }
}
