import type { SQSClient } from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { SqsMessageQueue } from '../shared/aws/sqsMessageQueue.js';
import { RESOURCES } from '../shared/config/resources.js';
import { parseTrainOptions } from '../shared/automl/training/prepareDataset.js';
import type { PromoteMessage, TrainMessage } from '../shared/lifecycle/messages.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { freePort } from '../local/processes.js';
import { queuesDrained } from '../local/queuesDrained.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, dataRecords, firstRecord, readData, relabeledCsv, shuffledLabelsCsv } from './support/datasets.js';
import { runCli, tempDir } from './support/runCli.js';
import { until } from './support/until.js';

const KEY = 'integration-test-key';
const PIMA = readData('pima_indians_diabetes.csv');
/** Labels that carry no signal: a candidate that must lose against v0001. */
const LOSER = shuffledLabelsCsv(PIMA);
/** Labels a threshold on glucose: linear ranks them almost perfectly, a candidate that must win. */
const WINNER = relabeledCsv(PIMA, (fields) => (Number(fields[1]) > 120 ? '1' : '0'));
const FAST_QUERY = '?candidates=linear&cv_folds=3';
const RECORD = firstRecord('pima_indians_diabetes.csv');

let stack: RunningStack;
let sqs: SQSClient;
let logDir: string;
let lambdaPort: number;
const startLog: string[] = [];

async function api(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.apiUrl}${path}`, { method, body, headers });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('the local stack: moto_server + serverless-offline, started as npm start does', () => {
  beforeAll(async () => {
    process.env.ALM_API_KEY = KEY;
    delete process.env.AWS_ENDPOINT_URL;
    let apiPort: number, awsPort: number;
    [apiPort, lambdaPort, awsPort] = [await freePort(), await freePort(), await freePort()];
    logDir = tempDir('alm-stack-');
    stack = await startStack({ apiPort, lambdaPort, metricsPort: await freePort(), monitoring: false, awsPort, bootstrapCsv: dataPath('pima_indians_diabetes.csv'), logDir, log: (line) => startLog.push(line) });
    sqs = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS }).sqs;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('bootstraps v0001 and serves it: GET /health 200, POST /predict', async () => {
    expect(stack.productionVersion).toBe('v0001');
    const health = await api('GET', '/health');
    expect(health).toMatchObject({ status: 200, json: { status: 'ok', model_version: 'v0001', last_reload_error: null } });
    const predicted = await api('POST', '/predict', JSON.stringify(RECORD));
    expect(predicted.status).toBe(200);
    expect(predicted.json.model_version).toBe('v0001');
    const info = await api('GET', '/model_info');
    expect(info).toMatchObject({ status: 200, json: { version: 'v0001', metrics: { primary_metric: 'roc_auc' }, training_data_digest: sha256Hex(PIMA) } });
    expect(info.json.leaderboard.map((e: any) => e.candidate).sort()).toEqual(['decision_tree', 'gradient_boosting', 'linear', 'random_forest', 'weighted_ensemble']);
    expect(info.json.schema.features.map((f: any) => f.name)).toEqual(Object.keys(RECORD));
    expect(predicted.json.predictions[0]).toMatchObject({ prediction_id: expect.stringMatching(/^[0-9a-f-]{36}$/), prediction: expect.any(Number), probability: expect.any(Number) });
  });

  it('refuses bad requests with a clear 4xx', async () => {
    expect((await api('POST', '/ingest', 'a,b\n1,2\n', { 'content-type': 'text/csv' })).status).toBe(401);
    const bad = await api('POST', '/ingest', 'a,b,label\n1,2\n', { 'content-type': 'text/csv', 'x-api-key': KEY });
    expect(bad).toMatchObject({ status: 400, json: { message: expect.stringMatching(/row 1 \(line 2\) has 2 field/) } });
    expect((await api('POST', '/predict', '{"BMI": 30}')).status).toBe(400);
    expect((await api('POST', '/promote', '{"version":"../x","reason":"r"}', { 'x-api-key': KEY })).status).toBe(400);
    const tooMany = await api('POST', '/predict', JSON.stringify({ records: Array.from({ length: 1001 }, () => RECORD) }));
    expect(tooMany).toMatchObject({ status: 413, json: { error: 'PayloadTooLargeError' } });
    const tooBig = await api('POST', '/predict', JSON.stringify({ ...RECORD, padding: 'x'.repeat(1_100_000) }));
    expect(tooBig.status).toBe(413); // serverless-offline's HTTP server has the same 1 MiB limit and may answer first
    const named = await api('POST', '/predict', JSON.stringify({ records: [{ ...RECORD, BMI: 'maybe' }, { Age: 50 }] }));
    expect(named.status).toBe(400);
    expect(named.json.details.filter((d: any) => d.index === 0).map((d: any) => d.field)).toEqual(['BMI']);
    expect(named.json.details.filter((d: any) => d.index === 1)).toHaveLength(7);
    const wrongType = await api('POST', '/ingest', 'a,b\n', { 'content-type': 'application/json', 'x-api-key': KEY });
    expect(wrongType).toMatchObject({ status: 415, json: { message: "expected content-type text/csv, got 'application/json'" } });
    const typo = await api('POST', '/ingest?sead=7', PIMA, { 'content-type': 'text/csv', 'x-api-key': KEY });
    expect(typo).toMatchObject({ status: 400, json: { error: 'InvalidOptionsError', message: expect.stringMatching(/Unrecognized key: "sead"/) } });
  });

  it('an event that is neither HTTP, SQS nor a schedule is a logged error, not a drift check', async () => {
    const invoke = await fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/automl-lifecycle-monitor-dev-drift-check/invocations`, {
      method: 'POST',
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(invoke.headers.get('x-amz-function-error')).toBe('Unhandled');
    // serverless-offline reports the message but not the class (errors cross a worker-thread boundary).
    expect(await invoke.json()).toMatchObject({ errorMessage: 'this function handles schedule, http events, not an unknown event (keys: hello)' });
    const log = readFileSync(join(logDir, 'offline.log'), 'utf8');
    expect(log).toMatch(/"message":"unsupported event","kind":null,"declared":"schedule, http"/);
  });

  it('shows the bootstrap training as it goes, candidate by candidate', () => {
    expect(startLog).toContain('registry empty: ingesting ' + dataPath('pima_indians_diabetes.csv'));
    for (const candidate of ['linear', 'gradient_boosting', 'random_forest', 'decision_tree']) {
      expect(startLog).toContain(`  training: ${candidate}: training`);
      expect(startLog.some((line) => line.startsWith(`  training: ${candidate}: cv 0.`))).toBe(true);
    }
    expect(startLog.at(-2)).toBe('production model: v0001');
    expect(startLog.at(-1)).toBe('predict: 8 warm workers with v0001 loaded');
  });

  it('rejects a worse candidate and promotes a better one on its own, served with no restart', async () => {
    const verdictOf = (version: string) =>
      until(`${version} with a verdict`, async () => (await api('GET', '/status')).json.candidates.find((c: any) => c.version === version)?.verdict ?? undefined); // null while pending
    const headers = { 'content-type': 'text/csv', 'x-api-key': KEY };

    expect(await api('POST', `/ingest${FAST_QUERY}`, LOSER, headers)).toMatchObject({ status: 202, json: { status: 'queued', rows: 768, task: 'binary' } });
    const rejected = await verdictOf('v0002');
    expect(rejected).toMatchObject({ decision: 'rejected', production_version: 'v0001', reason: expect.stringMatching(/^not better: roc_auc/) });
    expect(rejected.candidate_score).toBeLessThan(rejected.production_score);

    expect((await api('POST', `/ingest${FAST_QUERY}`, WINNER, headers)).status).toBe(202);
    const promoted = await verdictOf('v0003');
    expect(promoted).toMatchObject({ decision: 'promoted', production_version: 'v0001', reason: expect.stringMatching(/^better: roc_auc/) });
    expect(promoted.candidate_score).toBeGreaterThan(promoted.production_score);
    const served = await until('v0003 served', async () => {
      const predicted = await api('POST', '/predict', JSON.stringify({ records: [RECORD] }));
      return predicted.json.model_version === 'v0003' ? predicted : undefined;
    }, 15_000);
    expect(served.status).toBe(200);
  }, 120_000);

  it('a manual promotion is served with no restart, and a rollback puts production back', async () => {
    const forced = await api('POST', '/promote', JSON.stringify({ version: 'v0002', reason: 'integration test' }), { 'x-api-key': KEY });
    expect(forced).toMatchObject({ status: 200, json: { version: 'v0002', previous: 'v0003', actor: 'api' } });
    await until('v0002 served', async () => ((await api('POST', '/predict', JSON.stringify(RECORD))).json.model_version === 'v0002' ? true : undefined), 15_000);

    const rolledBack = await api('POST', '/rollback', JSON.stringify({ reason: 'integration test' }), { 'x-api-key': KEY });
    expect(rolledBack.json).toMatchObject({ version: 'v0003', previous: 'v0002' });
    const history = (await api('GET', '/status')).json.production.history.map((e: any) => [e.kind, e.version]);
    expect(history).toEqual([['promote', 'v0001'], ['promote', 'v0003'], ['promote', 'v0002'], ['rollback', 'v0003']]);
  }, 60_000);

  it('alm status, versions, promote and rollback work against the running stack', () => {
    const env = { ALM_API_URL: stack.apiUrl, ALM_API_KEY: KEY };
    const status = runCli(['status'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^production: v0003 \(linear, test roc_auc 0\.9\d*\), since \S+: integration test\n/);
    expect(status.stdout).toMatch(/\nversions: 3\n/);
    expect(status.stdout).toMatch(/v0003\s+yes\s+linear\s+0\.9\d*\s+promoted\s+better: roc_auc/);
    expect(status.stdout).toMatch(/v0002\s+yes\s+linear\s+0\.\d+\s+rejected\s+not better: roc_auc/);
    expect(status.stdout).toMatch(/\nalerts: none received\n$/); // no Alertmanager in this stack
    const versions = runCli(['versions'], env);
    expect(versions.stdout.trim().split('\n').slice(2).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['v0001', 'yes'],
      ['v0002', 'yes'],
      ['v0003', 'yes'],
    ]);
    expect(runCli(['promote', 'v0002', '--reason', 'cli test'], env).stdout).toMatch(/^production: v0002 \(sequence 5, previous v0003\)/);
    expect(runCli(['rollback', '--reason', 'cli test'], env).stdout).toMatch(/^production: v0003 \(rolled back from v0002, sequence 6\)/);
    const refused = runCli(['promote', 'v0002', '--reason', 'x'], { ...env, ALM_API_KEY: 'wrong' });
    expect(refused).toMatchObject({ code: 2, stderr: 'alm: POST /promote failed with 401: invalid API key\n' });
  });

  it('a replayed train message and a replayed promote message change nothing', async () => {
    await until('queues drained', async () => ((await queuesDrained(sqs)) ? true : undefined));
    const before = await api('GET', '/status');
    const replay: TrainMessage = { dataset_digest: sha256Hex(PIMA), options: parseTrainOptions({}), requested_at: new Date().toISOString() };
    const trainQueue = new SqsMessageQueue<TrainMessage>(sqs, RESOURCES.queues.train.name);
    const promoteQueue = new SqsMessageQueue<PromoteMessage>(sqs, RESOURCES.queues.promote.name);
    await trainQueue.send(replay);
    await trainQueue.send(replay);
    await promoteQueue.send({ version: 'v0001' });
    await promoteQueue.send({ version: 'v0002' });
    await new Promise((r) => setTimeout(r, 2000));
    await until('queues drained', async () => ((await queuesDrained(sqs)) ? true : undefined));
    const after = await api('GET', '/status');
    expect(after.json.versions).toBe(before.json.versions);
    expect(after.json.production).toEqual(before.json.production);
    expect(after.json.candidates).toEqual(before.json.candidates);
    const log = readFileSync(join(logDir, 'offline.log'), 'utf8');
    expect(log.match(/"status":"already_registered","version":"v0001"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(log).toMatch(/"version":"v0002".*"decidedNow":false,"promotedNow":false/);
  }, 120_000);

  it('with traffic flowing, the scheduled drift check writes a report that GET /reports/latest serves', async () => {
    const records = dataRecords('pima_indians_diabetes.csv', 0, 768);
    expect((await api('POST', '/predict', JSON.stringify({ records }))).status).toBe(200);
    // serverless-offline fires the schedule (every minute under npm start); nobody calls POST /drift-check here.
    const report = await until(
      'a scheduled report over that traffic',
      async () => {
        const latest = await fetch(`${stack.apiUrl}/reports/latest.json`);
        if (latest.status !== 200) return undefined;
        const document = (await latest.json()) as Record<string, any>;
        return document.current_rows >= records.length ? document : undefined;
      },
      150_000,
    );
    expect(report.result.number_of_columns).toBe(Object.keys(RECORD).length);
    expect(report.decision).toMatchObject({ report_id: report.id, action: expect.stringMatching(/^(keep|retrain)$/) });
    const page = await fetch(`${stack.apiUrl}/reports/latest`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    for (const name of Object.keys(RECORD)) expect(html).toContain(`<section class="column" data-column="${name}">`);
    expect(html).not.toMatch(/<script|<link|src=/);
    const listed = await api('GET', '/reports');
    expect(listed.json.reports.map((entry: any) => entry.id)).toContain(report.id);
    expect((await fetch(`${stack.apiUrl}/reports/20000101T000000000Z`)).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/reports/..%2Fregistry%2Fproduction`)).status).toBe(400);
    expect(readFileSync(join(logDir, 'offline.log'), 'utf8')).toMatch(/"drift":\{"status":"checked","report_id":"\d{8}T\d{9}Z"/);
  }, 180_000);
});
