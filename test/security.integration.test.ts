import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { RESOURCES } from '../shared/config/resources.js';
import { freePort } from '../local/processes.js';
import { queuesDrained } from '../local/queuesDrained.js';
import { LOCAL_API_KEY_PARAMETER, startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, readData, relabeledCsv } from './support/datasets.js';
import { runCli, tempDir } from './support/runCli.js';
import { until } from './support/until.js';

/**
 * Security rule 6: keys and secrets are never logged. The local stack as `npm start` runs it
 * (moto_server, the metrics sidecar, serverless-offline; a small linear model on Pima), with a
 * random admin key and random AWS credentials; the admin routes are exercised with the key (and
 * once with a wrong one), the CLI too; then every log file of the run, and everything the starter
 * and the CLI printed, is searched for the key and the AWS secret, as text and encoded.
 */
const KEY = `alm-key-${randomBytes(18).toString('hex')}`;
const WRONG_KEY = `alm-wrong-${randomBytes(18).toString('hex')}`;
const CREDENTIALS = { accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: `alm-secret-${randomBytes(18).toString('base64url')}` };
const PIMA = readData('pima_indians_diabetes.csv');
const FAST = '?candidates=linear&cv_folds=2';

let stack: RunningStack;
let logDir: string;
let stopped = false;
const printed: string[] = [];
const answers: { route: string; status: number }[] = [];
const savedKey = process.env.ALM_API_KEY;

async function admin(method: string, path: string, body: string, headers: Record<string, string> = { 'x-api-key': KEY }) {
  const response = await fetch(`${stack.apiUrl}${path}`, { method, body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await response.text();
  answers.push({ route: `${method} ${path}`, status: response.status });
  printed.push(text);
  return { status: response.status, json: JSON.parse(text) as Record<string, any> };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A secret as it could appear in a log: itself, base64, base64url, hex, URL-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

describe('keys and secrets are never logged (a full local stack run)', () => {
  beforeAll(async () => {
    process.env.ALM_API_KEY = KEY; // as a user would: the starter takes it from here (else .alm/api-key)
    delete process.env.AWS_ENDPOINT_URL;
    logDir = tempDir('alm-security-stack-');
    stack = await startStack({
      apiPort: await freePort(),
      lambdaPort: await freePort(),
      awsPort: await freePort(),
      metricsPort: await freePort(),
      monitoring: false,
      bootstrapCsv: dataPath('pima_indians_diabetes.csv'),
      bootstrapQuery: FAST,
      logDir,
      credentials: CREDENTIALS,
      bootstrapTimeoutMs: 300_000,
      log: (line) => printed.push(line),
    }).catch((error: unknown) => {
      throw new Error(`the stack did not start: ${printed.join(' | ')}`, { cause: error });
    });
  }, 480_000);

  afterAll(async () => {
    if (!stopped) await stack?.stop();
    if (savedKey === undefined) delete process.env.ALM_API_KEY;
    else process.env.ALM_API_KEY = savedKey;
  }, 60_000);

  it('keeps the key in SSM as a SecureString, where the functions read it (not in their environment)', async () => {
    expect(stack.productionVersion, printed.join('\n')).toBe('v0001');
    const { ssm } = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS });
    const parameter = (await ssm.send(new GetParameterCommand({ Name: LOCAL_API_KEY_PARAMETER, WithDecryption: true }))).Parameter;
    ssm.destroy();
    expect(parameter).toMatchObject({ Type: 'SecureString', Value: KEY });
  });

  it('exercises every admin route with the key (x-api-key and bearer), and refuses a wrong one', async () => {
    const winner = relabeledCsv(PIMA, (fields) => (Number(fields[1]) > 120 ? '1' : '0'));
    const ingest = await fetch(`${stack.apiUrl}/ingest${FAST}`, { method: 'POST', body: winner, headers: { 'content-type': 'text/csv', 'x-api-key': KEY } });
    expect(ingest.status).toBe(202);
    const { sqs } = createAwsClients({ region: RESOURCES.region, endpoint: stack.endpoint.url, credentials: LOCAL_CREDENTIALS });
    await until('v0002 trained and judged', async () => {
      const { versions } = (await (await fetch(`${stack.apiUrl}/versions`)).json()) as { versions: { version: string; complete: boolean }[] };
      return versions.some((v) => v.version === 'v0002' && v.complete) && (await queuesDrained(sqs)) ? true : undefined;
    }, 150_000);
    sqs.destroy();
    const health = (await (await fetch(`${stack.apiUrl}/health`)).json()) as { model_version: string };
    const other = health.model_version === 'v0002' ? 'v0001' : 'v0002';
    expect((await admin('POST', '/promote', JSON.stringify({ version: other, reason: 'security test' }))).status).toBe(200);
    expect((await admin('POST', '/rollback', JSON.stringify({ reason: 'security test' }))).status).toBe(200);
    expect([200, 503]).toContain((await admin('POST', '/drift-check', '')).status);
    const alert = {
      version: '4',
      status: 'firing',
      receiver: 'alm',
      alerts: [{ status: 'firing', labels: { alertname: 'AlmSecurityTest' }, annotations: {}, startsAt: new Date().toISOString(), fingerprint: '0123456789abcdef' }],
    };
    expect((await admin('POST', '/alerts', JSON.stringify(alert), { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await admin('POST', '/promote', JSON.stringify({ version: 'v0001', reason: 'x' }), { 'x-api-key': WRONG_KEY })).status).toBe(401);
    const cli = runCli(['promote', other, '--reason', 'security test via the CLI'], { ALM_API_URL: stack.apiUrl, ALM_API_KEY: KEY });
    printed.push(cli.stdout, cli.stderr);
    expect(cli.code, cli.stderr).toBe(0);
  }, 180_000);

  it('no log file of the run, nor anything printed, holds the key or the AWS secret', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the last lines reach the files
    await stack.stop();
    stopped = true;
    const files = filesUnder(logDir);
    const names = files.map((f) => f.slice(logDir.length + 1)).sort();
    expect(names).toEqual(expect.arrayContaining(['moto.log', 'offline.log', 'sidecar.log']));
    const logs = files.map((file) => ({ file, text: readFileSync(file, 'latin1') }));
    const offline = logs.find((l) => l.file.endsWith('offline.log'))?.text ?? '';
    expect(offline).toMatch(/training/); // the functions' own lines are there: a real log was searched
    expect(logs.find((l) => l.file.endsWith('moto.log'))?.text).toMatch(/GetParameter|POST \/ /);
    const leaks = [...logs, { file: '(printed)', text: printed.join('\n') }].flatMap(({ file, text }) =>
      [...spellings(KEY).map((s) => ['the API key', s]), ...spellings(CREDENTIALS.secretAccessKey).map((s) => ['the AWS secret', s]), ['the wrong key', WRONG_KEY]]
        .filter(([, spelled]) => text.includes(spelled))
        .map(([what, spelled]) => `${file}: ${what} (${spelled.slice(0, 6)}…)`),
    );
    expect(leaks).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
