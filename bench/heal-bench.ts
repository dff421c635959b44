/**
 * Benchmark of issue 9's self-healing loop (`npm run bench:heal`), on `npm start`'s stack with its
 * 1-minute drift schedule. Not a test: it prints a timeline (stdout, `[+s]` since the bench
 * started; `alm simulate`'s own lines relayed under `simulate |`) and one table with PASS/FAIL per
 * target, and exits 0 even when a target is missed (1 only when the stack cannot be started).
 *
 *   1 the stack (local/startStack.ts: moto_server + serverless-offline on free ports, logs in a
 *     temp dir), with a 2-minute drift window, 100-row minimums for drift, live quality and the
 *     guard, and a 5-minute retraining window, bootstrapped on 20,000 seeded rows of the main
 *     dataset with fast options (gradient_boosting, 2 folds; a drift retrain reuses them);
 *   2 heal/loop.ts: `alm simulate` on the other rows, 600 s stationary then 300 s with HbA1c
 *     shifted by 1 std and bmi > 32 relabeled positive, 50 req/s, feedback for half: retrain
 *     decisions of the stationary phase (target 0), then onset → flagging check → retrain →
 *     candidate → verdict → promotion → /predict serving it (target ≤ 180 s); requests and failures;
 *   3 heal/worseCandidate.ts: the bootstrap CSV with shuffled labels ingested (expected rejected,
 *     on recent labeled production rows); heal/guardRollback.ts: it is force-promoted and light
 *     labeled traffic flows until the guard rolls it back;
 *   4 heal/replay.ts: the loop's train message and the promote messages sent again: the version
 *     count and the production pointer must not change;
 *   5 the stack is stopped, also on error or Ctrl-C.
 * A failed step is reported and the next one runs where it can.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { RESOURCES } from '../shared/config/resources.js';
import { formatTimelineEvent } from '../shared/simulation/timelineEvent.js';
import { freePort } from '../local/processes.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { HealApi } from './heal/api.js';
import { writeHealDatasets } from './heal/datasets.js';
import { guardRollback, type GuardResult } from './heal/guardRollback.js';
import { runLoop, type LoopResult, type LoopSettings, type SimulationHandle } from './heal/loop.js';
import { replayMessages, type ReplayResult } from './heal/replay.js';
import { formatHealTable, healCells, row, seconds } from './heal/rows.js';
import { saveBenchResults } from './support/benchResults.js';
import { DRIFT, FAST_QUERY, HEAL_STACK_ENV } from './heal/stackSettings.js';
import { BenchTimeline } from './heal/timeline.js';
import { worseCandidate, type WorseCandidate } from './heal/worseCandidate.js';

const LOOP = (heldOutCsv: string): LoopSettings => ({ heldOutCsv, rate: 50, stationary: 600, drifted: 300, feedback: 0.5, poll: 5, ...DRIFT });
const SERVED_TARGET_SECONDS = 180;
const RATE_TARGET = 50;
const GUARD_TRAFFIC = { rate: 20, maxSeconds: 240 };

const timeline = new BenchTimeline();
const say = (line: string) => timeline.say(line);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `what`; on failure records and prints `what: message` and returns undefined. */
async function attempt<T>(failures: string[], what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    failures.push(`${what}: ${message(error)}`);
    say(`FAILED ${what}: ${message(error)}`);
    return undefined;
  }
}

async function main(): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const workDir = mkdtempSync(join(tmpdir(), 'alm-bench-heal-'));
  const logDir = join(workDir, 'logs');
  const loadBefore = loadavg();
  const apiKey = (process.env.ALM_API_KEY ||= 'bench-heal-key');
  delete process.env.AWS_ENDPOINT_URL; // our own moto_server on a free port, never a shared endpoint
  delete process.env.ALM_DRIFT_SCHEDULE; // npm start's schedule: every minute
  Object.assign(process.env, HEAL_STACK_ENV);
  let stack: RunningStack | undefined;
  let sqs: SQSClient | undefined;
  let simulation: SimulationHandle | undefined;
  let keepWorkDir = false;
  const stopStack = async () => {
    simulation?.interrupt();
    const running = stack;
    stack = undefined;
    if (running) {
      say('step 5: stopping the stack…');
      await running.stop();
    }
  };
  const interrupted = () => void stopStack().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const failures: string[] = [];
  try {
    const data = writeHealDatasets(join(root, 'data', 'diabetes_prediction_dataset.csv'), workDir);
    say(`data: ${data.bootstrapRows} seeded rows → ${data.bootstrapCsv}; ${data.heldOutRows} held-out rows → ${data.heldOutCsv}`);
    const [apiPort, lambdaPort, awsPort] = [await freePort(), await freePort(), await freePort()];
    say(`step 1: starting the stack (API :${apiPort}, lambda :${lambdaPort}, moto :${awsPort}; logs in ${logDir}); ` +
      `${Object.entries(HEAL_STACK_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}; bootstrap ingest ${FAST_QUERY}`);
    const bootStarted = Date.now();
    stack = await startStack({ apiPort, lambdaPort, metricsPort: await freePort(), monitoring: false, awsPort, bootstrapCsv: data.bootstrapCsv, bootstrapQuery: FAST_QUERY, bootstrapTimeoutMs: 300_000, logDir, log: (line) => say(`  stack | ${line}`), isolated: true });
    if (!stack.productionVersion) throw new Error('no production model after the bootstrap');
    say(`stack up with ${stack.productionVersion} in production after ${((Date.now() - bootStarted) / 1000).toFixed(1)} s`);
    const api = new HealApi(stack.apiUrl, apiKey);
    sqs = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS }).sqs;

    // 2. the loop
    const loop = await attempt(failures, 'step 2 (alm simulate)', () => runLoop(root, api, LOOP(data.heldOutCsv), timeline, (child) => void (simulation = child)));
    for (const problem of loop?.problems ?? []) failures.push(`step 2: ${problem}`);
    if (loop) printLoop(loop);

    // 3. a worse candidate, rejected; forced in; rolled back by the guard
    say(`step 3: ingesting the bootstrap CSV with shuffled labels (${FAST_QUERY})`);
    const worse = await attempt(failures, 'step 3 (worse candidate)', () => worseCandidate(api, data.shuffledLabels, FAST_QUERY));
    if (worse) say(`worse candidate after ${worse.seconds.toFixed(1)} s: ${worse.verdict.text}`);
    let guard: GuardResult | undefined;
    if (worse) {
      guard = await attempt(failures, 'step 3 (guard)', () =>
        guardRollback(api, worse.version, { csv: data.heldOutCsv, drift: { shift: [DRIFT.shift], relabel: [DRIFT.relabel] }, ...GUARD_TRAFFIC }, say),
      );
      if (guard) {
        const t = guard.traffic;
        say(`light traffic: ${t.predictions} predictions (${t.predictFailed} failed), ${t.labels} labels (${t.feedbackFailed} feedback requests failed); ` +
          `served ${[...t.served].map(([v, n]) => `${v} ${n}`).join(', ')}${t.firstFailure ? `; first failure: ${t.firstFailure}` : ''}`);
        say(guard.rollback
          ? `guard rolled production back to ${guard.rollback.to} ${guard.rollback.seconds.toFixed(1)} s after the forced promotion: ${guard.rollback.reason}`
          : `no rollback by the guard (last history event: ${guard.lastEvent})`);
      }
    }

    // 4. replay: the loop's candidate; without one, the newest version (said so)
    let replay: ReplayResult | undefined;
    const replayed = loop?.candidate ?? worse?.version ?? stack.productionVersion;
    if (!loop?.candidate) failures.push(`step 4: the loop produced no candidate; replaying ${replayed}'s messages instead`);
    const promotes = [...new Set([replayed, ...(worse ? [worse.version] : [])])];
    replay = await attempt(failures, 'step 4 (replay)', () => replayMessages(api, sqs!, replayed, promotes, join(logDir, 'offline.log'), say));
    if (replay) say(`replay: after: ${replay.after} — ${replay.unchanged ? 'unchanged' : 'CHANGED'}; train function answered already_registered ${replay.alreadyRegistered} time(s) for ${replayed}`);
    const loadAfter = loadavg();
    await stopStack();
    printTable(loop, worse, guard, replay, failures, loadBefore, loadAfter);
    if (failures.length > 0) {
      keepWorkDir = true;
      process.stdout.write(`logs of moto_server and serverless-offline kept in ${logDir}\n`);
    }
    return 0;
  } catch (error) {
    say(`bench:heal failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    say(`logs of moto_server and serverless-offline kept in ${logDir}`);
    keepWorkDir = true;
    return 1;
  } finally {
    await stopStack();
    sqs?.destroy();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  }
}

function printLoop(loop: LoopResult): void {
  const s = loop.summary;
  if (!s) return;
  say(`loop: ${loop.stationaryChecks} drift checks in the stationary phase, ${loop.stationaryRetrains} retrain decision(s); ${loop.driftedChecks.length} after the onset`);
  const lines = [
    loop.firstFlagging
      ? `first check seeing large drift: onset +${loop.firstFlagging.seconds.toFixed(1)} s (${loop.firstFlagging.check.id}: ${loop.firstFlagging.check.action} — ${loop.firstFlagging.check.reasons.join('; ')})`
      : 'no check after the onset saw large drift',
    `retrain decision: ${fmtOnset(s.onset_to_first.retrain)}; candidate ${loop.candidate ?? 'none'} trained: ${fmtOnset(s.onset_to_first.candidate)}`,
    `verdict: ${fmtOnset(s.onset_to_first.verdict)}${loop.verdict ? ` — ${loop.verdict.text}` : ''}`,
    `promotion: ${fmtOnset(s.onset_to_first.production)}; /predict serving the new version: ${fmtOnset(s.onset_to_first.served)}; rollback: ${fmtOnset(s.onset_to_first.rollback)}`,
    `requests: ${s.requests.sent} of ${s.requests.planned} sent in ${s.duration_seconds.toFixed(1)} s (${loop.requestRate?.toFixed(2)} req/s), ${s.requests.ok} ok, ` +
      `${s.requests.failed} failed; feedback ${s.feedback.labels} labels, ${s.feedback.failed} requests failed; served ${Object.entries(s.served).map(([v, x]) => `${v} ${x.predictions}`).join(', ')}`,
  ];
  for (const line of lines) say(`loop: ${line}`);
  say('loop: events of the simulation, from its summary:');
  for (const event of s.events) say(`  ${formatTimelineEvent(event)}`);
}

const fmtOnset = (v: number | null) => (v === null ? 'not seen' : `onset +${v.toFixed(1)} s`);

function printTable(
  loop: LoopResult | undefined,
  worse: WorseCandidate | undefined,
  guard: GuardResult | undefined,
  replay: ReplayResult | undefined,
  failures: readonly string[],
  loadBefore: number[],
  loadAfter: number[],
): void {
  const s = loop?.summary;
  const served = loop?.servedSeconds ?? null;
  const rows = [
    row(
      'stationary phase: retrain decisions',
      loop?.stationaryRetrains === undefined ? undefined : `${loop.stationaryRetrains} in ${loop.stationaryChecks} checks${loop.stationarySource === 'timeline' ? ' (seen by alm simulate)' : ''}`,
      '0',
      loop?.stationaryRetrains === 0,
    ),
    row('onset → first check seeing drift', loop?.firstFlagging ? seconds(loop.firstFlagging.seconds) : s ? 'not seen' : undefined),
    row('onset → retrain decision', s ? (s.onset_to_first.retrain === null ? 'not seen' : seconds(s.onset_to_first.retrain)) : undefined),
    row('onset → candidate trained', s ? (s.onset_to_first.candidate === null ? 'not seen' : seconds(s.onset_to_first.candidate)) : undefined),
    row('onset → verdict', s ? (s.onset_to_first.verdict === null ? 'not seen' : `${seconds(s.onset_to_first.verdict)} (${loop?.verdict?.decision ?? '?'})`) : undefined),
    row('onset → promotion', s ? (s.onset_to_first.production === null ? 'not seen' : seconds(s.onset_to_first.production)) : undefined),
    row('onset → /predict serves the new version', s ? (served === null ? 'not seen' : seconds(served)) : undefined, `≤ ${SERVED_TARGET_SECONDS} s`, served !== null && served <= SERVED_TARGET_SECONDS),
    row('request rate (sent / duration)', s ? `${loop!.requestRate!.toFixed(2)} req/s` : undefined, `≥ ${RATE_TARGET} (1% slack: ≥ ${RATE_TARGET * 0.99})`, (loop?.requestRate ?? 0) >= RATE_TARGET * 0.99),
    row('failed requests (/predict + /feedback)', s ? `${loop!.failed} of ${s.requests.sent + s.feedback.requests}` : undefined, '0', loop?.failed === 0),
    row('worse candidate decision', worse ? `${worse.verdict.decision} (holdout ${worse.verdict.holdoutSource ?? 'none'})` : undefined, 'rejected', worse?.verdict.decision === 'rejected'),
    row('forced promotion → guard rollback', guard ? (guard.rollback ? seconds(guard.rollback.seconds) : `none in ${GUARD_TRAFFIC.maxSeconds} s`) : undefined, `rollback within ${GUARD_TRAFFIC.maxSeconds} s`, guard?.rollback !== undefined),
    row('replay: versions and production unchanged', replay ? (replay.unchanged ? 'yes' : `no (${replay.before} → ${replay.after})`) : undefined, 'yes', replay?.unchanged === true),
  ];
  const cpu = cpus();
  const lines = [
    '',
    'bench:heal — issue 9 self-healing loop on the local stack (serverless-offline over moto_server)',
    formatHealTable(rows),
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
      `${loadAfter.map((l) => l.toFixed(2)).join(' ')} after; Node ${process.version}. One run on a shared machine; times from the onset are alm simulate's ` +
      `(server timestamps clamped to when seen, polled every 5 s); the guard's from the production history.`,
  ];
  if (failures.length > 0) lines.push(`problems:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  saveBenchResults({ peer: '—', rows: rows.map(healCells), failures: [...failures], notes: [lines[1], lines[3]] });
  process.stdout.write(`${lines.join('\n')}\n`);
}

// exit explicitly: SDK clients may keep sockets open
process.exit(await main());
