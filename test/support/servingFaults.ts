import { beforeAll, describe, expect, it } from 'vitest';
import { partitionPrefix } from '../../shared/registry/keys.js';
import { recordOf, type FaultStack } from './faultStack.js';
import { until } from './until.js';

/**
 * Faults while serving, on the fault stack of test/faults.integration.test.ts (declared there, in
 * order): S3 and SQS slow, then unreachable (every call of the functions through the controlled
 * proxy), then — last of the file, since the registry is gone for good — moto_server killed and
 * restarted empty under load. Predict keeps answering from the cached model, /health names what
 * is wrong, and every prediction served while SQS was down reaches S3 exactly once.
 */
const SEND_BATCH = 'AmazonSQS.SendMessageBatch';

/** The prediction log's settings on the stack: small, quick batches and a minute of retries at most 1 s apart (nothing dropped here). */
export const SERVING_FAULT_ENV = {
  ALM_LOG_MAX_AGE_MS: '200',
  ALM_LOG_BATCH_RECORDS: '25',
  ALM_LOG_RECORDS_PER_MESSAGE: '10',
  ALM_LOG_RETRY_BASE_MS: '100',
  ALM_LOG_RETRY_MAX_MS: '1000',
  ALM_LOG_RETRY_ATTEMPTS: '60', // a minute of outage at most 1 s apart: nothing dropped here
};

const served: string[] = [];
const started = new Date();

function servingHelpers(stack: () => FaultStack) {
  const predict = async (i: number) => {
    const size = (i % 5) + 1;
    const records = Array.from({ length: size }, (_, k) => recordOf(stack().csv, (i * 7 + k) % 2000));
    const answer = await stack().api('POST', '/predict', size === 1 ? records[0] : { records });
    if (answer.status === 200) {
      expect(answer.json.predictions, JSON.stringify(answer.json)).toHaveLength(size);
      served.push(...answer.json.predictions.map((p: { prediction_id: string }) => p.prediction_id));
    }
    return answer;
  };

  /** Every prediction logged in S3 (ids, duplicates the reader found) and the raw NDJSON line count. */
  const loggedInS3 = async () => {
    const registry = stack().registry();
    const read = await registry.predictions.read({ from: new Date(started.getTime() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
    const store = stack().store();
    let lines = 0;
    for (const key of await store.list(partitionPrefix('predictions'))) lines += (await store.get(key))!.body.trim().split('\n').length;
    return { ids: read.records.map((r) => r.prediction_id), duplicates: read.duplicates, lines };
  };

  const everyServedLogged = async () => {
    const logged = await until(`${served.length} predictions in S3`, async () => {
      const now = await loggedInS3();
      return now.ids.length >= served.length ? now : undefined;
    }, 60_000);
    expect([...logged.ids].sort()).toEqual([...served].sort());
    expect(logged.duplicates).toBe(0);
    expect(logged.lines).toBe(served.length);
    return logged;
  };

  const count = (operation: string, action: 'cut' | 'lose_response' | 'delay') => (stack().proxy.seen.get(action) ?? []).filter((r) => r.operation === operation).length;
  return { predict, everyServedLogged, count };
}

/** S3 and SQS slow, then unreachable: first on the stack, where every prediction logged in S3 is one of these tests'. */
export function describeServingFaults(stack: () => FaultStack): void {
  const { predict, everyServedLogged, count } = servingHelpers(stack);

  describe('faults while serving: S3 and SQS slow or unreachable', () => {
    it('S3 and SQS slow (4 s a call): predictions never wait for them, and every one is logged', async () => {
      const faults = stack();
      faults.proxy.setRule(() => ({ delayMs: 4000 }));
      const latencies: number[] = [];
      for (let i = 0; i < 30; i++) {
        const answer = await predict(i);
        expect(answer.status).toBe(200);
        expect(answer.json.model_version).toBe('v0001');
        latencies.push(answer.ms);
      }
      const health = await faults.api('GET', '/health');
      expect(health.json).toMatchObject({ status: 'ok', model_version: 'v0001', registry: 'ok' }); // slow, not failing
      await until('a delayed SendMessageBatch', async () => (count(SEND_BATCH, 'delay') > 0 ? true : undefined), 20_000);
      faults.proxy.setRule(() => 'pass');
      await everyServedLogged();
      const slowest = Math.max(...latencies);
      console.log(`slow S3/SQS: 30 requests, ${served.length} predictions, slowest answer ${slowest.toFixed(0)} ms, all logged once`);
      expect(slowest).toBeLessThan(4000); // below one delayed call: no request waited on S3 or SQS
    }, 120_000);

    it('S3 and SQS unreachable: predict serves the cached model, /health is degraded, and after recovery every log record is in S3 once', async () => {
      const faults = stack();
      const before = served.length;
      faults.proxy.setRule(() => 'cut');
      for (let i = 0; i < 60; i++) {
        const answer = await predict(i);
        expect(answer.status).toBe(200);
        expect(answer.json.model_version).toBe('v0001');
      }
      const during = served.length - before;
      const degraded = await until('health degraded', async () => {
        const health = await faults.api('GET', '/health');
        return health.json.status === 'degraded' && health.json.prediction_log?.failing ? health.json : undefined;
      }, 20_000);
      expect(degraded).toMatchObject({ model_version: 'v0001', registry: 'unreachable', prediction_log: { failing: true } });
      expect(degraded.prediction_log.held_records).toBeGreaterThan(0);
      expect(degraded.reasons).toEqual(expect.arrayContaining(['registry unreachable', expect.stringMatching(/^prediction log failing: \d+ records held/)]));
      expect(count(SEND_BATCH, 'cut')).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 3000)); // a few more failed retries

      // Recovery, where SQS takes the first two calls but their answers are lost: sent again, twice in the queue.
      let lost = 0;
      faults.proxy.setRule(({ operation }) => (operation === SEND_BATCH && lost++ < 2 ? 'lose_response' : 'pass'));
      const logged = await everyServedLogged();
      expect(count(SEND_BATCH, 'lose_response')).toBe(2);
      await until('health ok again', async () => ((await faults.api('GET', '/health')).json.status === 'ok' ? true : undefined), 20_000);
      console.log(
        `unreachable S3/SQS: ${during} predictions served during the outage (${served.length} in all); ` +
          `${count(SEND_BATCH, 'cut')} SendMessageBatch calls cut, 2 answers lost; logged ${logged.ids.length} ids in ${logged.lines} lines, 0 duplicates, 0 lost`,
      );
    }, 120_000);
  });
}

/**
 * moto_server killed and restarted empty under load: last on the stack. The registry tests before
 * it moved production, so it is put back on v0001 first, and every warm predict worker (eight
 * requests at once, three rounds in a row) answers with v0001 before the load starts.
 */
export function describeRegistryLost(stack: () => FaultStack): void {
  const { predict } = servingHelpers(stack);

  describe('faults while serving: moto_server restarted', () => {
    beforeAll(async () => {
      const faults = stack();
      const production = (await faults.registry().production.get())!.pointer;
      if (production.version !== 'v0001') await faults.registry().production.promote('v0001', { reason: 'back to v0001 before moto is restarted', actor: 'fault-test' });
      let rounds = 0;
      await until('every warm predict worker serving v0001', async () => {
        const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => faults.api('POST', '/predict', recordOf(faults.csv, i))));
        rounds = answers.every((a) => a.status === 200 && a.json.model_version === 'v0001') ? rounds + 1 : 0;
        return rounds >= 3 ? true : undefined;
      }, 40_000);
    }, 60_000);

    it('moto_server killed and restarted empty under load: predict keeps serving v0001 and /health says the registry is lost', async () => {
      const faults = stack();
      const outcomes: { status: number; version: string | undefined }[] = [];
      let running = true;
      const loop = async (worker: number) => {
        for (let i = worker; running; i += 4) {
          const answer = await predict(i);
          outcomes.push({ status: answer.status, version: answer.json?.model_version });
        }
      };
      const load = [0, 1, 2, 3].map(loop);
      // Warm-up: the workers that take this load have their model before the registry goes.
      await until('4 concurrent workers serving', async () => (outcomes.filter((o) => o.status === 200).length >= 40 ? true : undefined), 30_000);
      const beforeRestart = outcomes.length;
      await faults.moto.restart();
      await new Promise((r) => setTimeout(r, 3000));
      running = false;
      await Promise.all(load);

      expect(outcomes.length - beforeRestart).toBeGreaterThan(0);
      expect(outcomes.slice(0, beforeRestart).every((o) => o.status === 200)).toBe(true);
      expect(outcomes.slice(beforeRestart).filter((o) => o.status !== 200 || o.version !== 'v0001')).toEqual([]);
      const health = await until('health says the registry is lost', async () => {
        const answer = await faults.api('GET', '/health');
        return answer.json.registry === 'lost' ? answer.json : undefined;
      }, 20_000);
      expect(health).toMatchObject({ status: 'degraded', model_version: 'v0001', last_reload_error: expect.stringMatching(/^registry lost: registry\/production\.json is gone; still serving v0001/) });
      expect(health.reasons[0]).toMatch(/^registry lost/);
      const after = await predict(0);
      expect(after).toMatchObject({ status: 200, json: { model_version: 'v0001' } });
      const status = await faults.api('GET', '/status');
      console.log(`moto restarted: ${outcomes.length} requests under load (${outcomes.length - beforeRestart} after the kill), 0 errors; /status answers ${status.status}: ${JSON.stringify(status.json).slice(0, 200)}`);
    }, 120_000);
  });
}
