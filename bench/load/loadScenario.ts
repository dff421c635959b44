/**
 * The load scenario, shared by test/load.integration.test.ts (a bounded count) and `npm run
 * bench:load` (100,000 requests): on a `LoadStack`,
 *   1 memory at start (the stack bootstrapped, its warm predict workers loaded, nothing sent);
 *   2 a warm-up run (`warmUpRequests`, same connections) and the promote route's worker started
 *     (`warmPromoteRoute`), memory sampled every second, and after it;
 *   3 the measured run (`requests`); when `promoteAfter` of them have been answered, the
 *     rejected candidate is promoted through `POST /promote` (the admin route, the key) while
 *     the load goes on; memory sampled every second (flatMemory.ts reads the samples);
 *   4 the prediction log in S3 waited for until it holds as many ids as the answers carried
 *     (or `drainTimeoutMs`), then accounted for.
 * It asserts nothing: the report says what happened, the caller judges.
 */
import { accountFor, loggedPredictions, type Accounting } from './loggedPredictions.js';
import type { LoadStack } from './loadStack.js';
import { MODEL_CHECK_SECONDS } from './loadStack.js';
import { runLoad, type LoadRun } from './loadRun.js';
import { memoryFigures, type MemoryFigures } from './flatMemory.js';
import { readMemory, sampleMemory } from './processMemory.js';
import { versionTimeline, type Promotion, type VersionTimeline } from './versionTimeline.js';

export interface LoadPlan {
  readonly warmUpRequests: number;
  readonly requests: number;
  readonly connections: number;
  readonly promoteAfter: number;
  /**
   * The measured run's rate cap in requests/s (none by default). A bounded run needs one on a fast
   * machine: 5,000 uncapped requests at 450 req/s end before the promotion has settled
   * (`SETTLE_MS`), leaving no answer to show that only the new version serves after it.
   */
  readonly maxRequestsPerSecond?: number;
  readonly drainTimeoutMs?: number;
}

/** The settle bound: one pointer check interval, plus 5 s for the check and the reload under load. */
export const SETTLE_MS = MODEL_CHECK_SECONDS * 1000 + 5000;

export interface LoadReport {
  readonly plan: LoadPlan;
  readonly memory: MemoryFigures;
  readonly warmUp: LoadRun;
  readonly run: LoadRun;
  readonly promotion: Promotion & { readonly status: number };
  readonly timeline: VersionTimeline;
  /** Versions that answered during the warm-up (only the old one expected). */
  readonly warmUpVersions: readonly string[];
  readonly accounting: Accounting;
  readonly drainSeconds: number;
}

/**
 * serverless-offline runs HTTP invocations and SQS deliveries in separate worker pools, so the
 * promote function's first HTTP call starts a worker thread (its bundle, SDK clients: about
 * 100 MiB). Started here, with a request it refuses (a malformed version, a 400 before any
 * registry call), so the one-off start is part of the warm-up, not of the run's growth.
 */
async function warmPromoteRoute(load: LoadStack): Promise<void> {
  const refused = await load.api.call('POST', '/promote', { version: '../warm-up', reason: 'load test: start the promote worker' });
  if (refused.status !== 400) throw new Error(`POST /promote with a malformed version answered ${refused.status}, not 400`);
}

export async function runLoadScenario(load: LoadStack, plan: LoadPlan, log: (line: string) => void): Promise<LoadReport> {
  const since = new Date(Date.now() - 60_000);
  const start = readMemory(load.offlinePid);
  log(`warm-up: ${plan.warmUpRequests} requests, ${plan.connections} connections`);
  const warmUpSampler = sampleMemory(load.offlinePid);
  const warmUp = await runLoad(load.stack.apiUrl, { amount: plan.warmUpRequests, connections: plan.connections, bodies: load.bodies }).finally(() => warmUpSampler.stop());
  await warmPromoteRoute(load);
  const warmUpSamples = [...warmUpSampler.stop(), readMemory(load.offlinePid)];
  const afterWarmUp = warmUpSamples[warmUpSamples.length - 1];
  let promotion: (Promotion & { status: number }) | undefined;
  const promote = async () => {
    const sentAt = Date.now();
    log(`promoting ${load.candidate} under load…`);
    const answer = await load.api.call('POST', '/promote', { version: load.candidate, reason: 'load test: promotion under load' });
    promotion = { from: load.production, to: load.candidate, sentAt, answeredAt: Date.now(), status: answer.status };
    if (answer.status !== 200 || answer.json.version !== load.candidate) throw new Error(`POST /promote answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 300)}`);
  };
  log(`load: ${plan.requests} requests, ${plan.connections} connections, promotion after ${plan.promoteAfter}`);
  const sampler = sampleMemory(load.offlinePid);
  const run = await runLoad(load.stack.apiUrl, { amount: plan.requests, connections: plan.connections, bodies: load.bodies, overallRate: plan.maxRequestsPerSecond, midway: { afterResponses: plan.promoteAfter, action: promote } }).finally(() => sampler.stop());
  const samples = sampler.stop();
  if (!promotion) throw new Error(`the promotion never ran: ${String(run.midwayError)}`);

  const answeredIds = [...warmUp.answers, ...run.answers].flatMap((a) => a.ids);
  log(`waiting for ${answeredIds.length} predictions in the log…`);
  const drainStarted = Date.now();
  const deadline = drainStarted + (plan.drainTimeoutMs ?? 120_000);
  let logged = await loggedPredictions(load.stack.endpoint.url, { from: since, to: new Date(Date.now() + 3_600_000) });
  while (logged.ids.length < answeredIds.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    logged = await loggedPredictions(load.stack.endpoint.url, { from: since, to: new Date(Date.now() + 3_600_000) });
  }
  return {
    plan,
    memory: memoryFigures(start, warmUpSamples, samples),
    warmUp,
    run,
    promotion,
    timeline: versionTimeline(run.answers, promotion, SETTLE_MS),
    warmUpVersions: [...new Set(warmUp.answers.map((a) => a.version ?? 'none'))],
    accounting: accountFor(answeredIds, logged),
    drainSeconds: (Date.now() - drainStarted) / 1000,
  };
}
