import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { httpEvent } from './support/events.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';

/**
 * Security rules 1 and 3 over every HTTP route that serverless.yml declares (read from the
 * template, so a route added there is checked here too): which routes need the admin key, and
 * that every route refuses a body over its limit with a 413 naming the limit's setting.
 * The handlers run in this process against moto_server; the key is read from moto's SSM, as on AWS.
 */
const ROOT = join(import.meta.dirname, '..');
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface ServerlessFunction {
  readonly handler: string;
  readonly events?: readonly { readonly httpApi?: { readonly method: string; readonly path: string } }[];
}
const template = load(readFileSync(join(ROOT, 'serverless.yml'), 'utf8')) as { functions: Record<string, ServerlessFunction> };
const ROUTES = Object.values(template.functions).flatMap((fn) =>
  (fn.events ?? []).flatMap((event) => (event.httpApi ? [{ key: `${event.httpApi.method} ${event.httpApi.path}`, handler: fn.handler, ...event.httpApi }] : [])),
);

/** Who may call each route: the rule (predict, health and the console public; whatever changes state, admin). */
const ACCESS: Record<string, 'admin' | 'public'> = {
  'POST /predict': 'public',
  'GET /health': 'public',
  'GET /': 'public',
  'GET /console': 'public',
  'POST /feedback': 'public',
  'GET /status': 'public',
  'GET /versions': 'public',
  'GET /versions/{version}': 'public',
  'GET /model_info': 'public',
  'GET /metrics': 'public',
  'GET /reports': 'public',
  'GET /reports/{id}': 'public',
  'POST /ingest': 'admin',
  'POST /promote': 'admin',
  'POST /rollback': 'admin',
  'POST /drift-check': 'admin',
  'POST /alerts': 'admin',
};
/** Each route's limit setting, and the small values this test gives them. */
const LIMIT_OF: Record<string, string> = { 'POST /predict': 'ALM_MAX_BODY_BYTES', 'POST /feedback': 'ALM_MAX_BODY_BYTES', 'POST /ingest': 'ALM_MAX_INGEST_BYTES' };
const LIMITS: Record<string, number> = { ALM_MAX_BODY_BYTES: 3000, ALM_MAX_INGEST_BYTES: 5000, ALM_MAX_CONTROL_BODY_BYTES: 1000 };
const limitOf = (route: string) => LIMIT_OF[route] ?? 'ALM_MAX_CONTROL_BODY_BYTES';

const KEY = `route-test-key-${process.pid}`;
const PARAMETER = '/alm-security-test/api-key';
let moto: MotoServer;
let ssm: SSMClient;
const handlers = new Map<string, (event: unknown) => Promise<unknown>>();

interface Answer {
  readonly statusCode: number;
  readonly body: string;
}

async function call(route: (typeof ROUTES)[number], body: string, headers: Record<string, string>): Promise<Answer> {
  const path = route.path.replace('{version}', 'v0001').replace('{id}', 'latest');
  const handler = handlers.get(route.handler);
  if (!handler) throw new Error(`no handler ${route.handler}`);
  const event = { ...httpEvent(route.method, path, body, headers), routeKey: route.key };
  return (await handler(event)) as Answer;
}

describe('every route of serverless.yml: the admin key and the body limits', () => {
  beforeAll(async () => {
    moto = await startMotoServer('alm-security-routes');
    ssm = new SSMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: LOCAL_CREDENTIALS });
    await ssm.send(new PutParameterCommand({ Name: PARAMETER, Value: KEY, Type: 'SecureString' }));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_REGION: 'us-east-1',
      ALM_BUCKET: moto.bucket,
      ALM_API_KEY_PARAMETER: PARAMETER,
      ...Object.fromEntries(Object.entries(LIMITS).map(([name, value]) => [name, String(value)])),
    });
    delete process.env.ALM_API_KEY; // the key comes from SSM, as on AWS
    for (const handler of new Set(ROUTES.map((r) => r.handler))) {
      const [file, name] = handler.split('.');
      const module = (await import(join(ROOT, `${file}.ts`))) as Record<string, (event: unknown) => Promise<unknown>>;
      handlers.set(handler, module[name]);
    }
  }, 60_000);

  afterAll(async () => {
    ssm?.destroy();
    await moto?.stop();
  });

  it('reads the routes from the template, and each one is classified', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(17);
    expect(ROUTES.map((r) => r.key).filter((key) => !(key in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((key) => !ROUTES.some((r) => r.key === key))).toEqual([]);
  });

  it('admin routes refuse a call without the key or with a wrong one (401); public routes never ask for it', async () => {
    const seen: string[] = [];
    for (const route of ROUTES) {
      const without = await call(route, '', {});
      const wrong = await call(route, '', { 'x-api-key': `${KEY}x` });
      const sameLength = await call(route, '', { 'x-api-key': KEY.replace(/.$/, (c) => (c === '0' ? '1' : '0')) });
      if (ACCESS[route.key] === 'admin') {
        expect([without.statusCode, wrong.statusCode, sameLength.statusCode], route.key).toEqual([401, 401, 401]);
        expect(JSON.parse(without.body).message, route.key).toMatch(/missing x-api-key/);
        expect(JSON.parse(wrong.body).message, route.key).toBe('invalid API key');
      } else {
        expect(without.statusCode, `${route.key}: ${without.body}`).not.toBe(401);
      }
      seen.push(route.key);
    }
    expect(seen).toHaveLength(ROUTES.length);
  }, 60_000);

  it('admin routes accept the key read from SSM, as x-api-key or a bearer token', async () => {
    for (const route of ROUTES.filter((r) => ACCESS[r.key] === 'admin')) {
      const viaHeader = await call(route, '{}', { 'x-api-key': KEY, 'content-type': 'text/csv' });
      const viaBearer = await call(route, '{}', { authorization: `Bearer ${KEY}`, 'content-type': 'text/csv' });
      expect(viaHeader.statusCode, `${route.key}: ${viaHeader.body}`).not.toBe(401);
      expect(viaBearer.statusCode, `${route.key}: ${viaBearer.body}`).not.toBe(401);
    }
  }, 60_000);

  it('compares keys in constant time: SHA-256 digests through timingSafeEqual, no length check or === on the keys', () => {
    const code = readFileSync(join(ROOT, 'shared/http/apiKey.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).toMatch(/timingSafeEqual\(digest\(given\), digest\(expected\)\)/);
    expect(code).toMatch(/createHash\('sha256'\)/);
    expect(code).not.toMatch(/(given|expected)(\.length)?\s*[!=]==|[!=]==\s*(given|expected)\b/);
  });

  it('the key is cached per container: a changed parameter is not read again', async () => {
    await ssm.send(new PutParameterCommand({ Name: PARAMETER, Value: 'rotated-key', Type: 'SecureString', Overwrite: true }));
    const promote = ROUTES.find((r) => r.key === 'POST /promote');
    if (!promote) throw new Error('no POST /promote');
    expect((await call(promote, '{}', { 'x-api-key': KEY })).statusCode).toBe(400); // still the first key: the body is what is wrong
    expect((await call(promote, '{}', { 'x-api-key': 'rotated-key' })).statusCode).toBe(401);
  });

  it('every route refuses a body over its limit with a 413 naming the limit, and takes one at the limit', async () => {
    for (const route of ROUTES) {
      const name = limitOf(route.key);
      const headers = { 'x-api-key': KEY, 'content-type': 'text/csv' };
      const over = await call(route, 'x'.repeat(LIMITS[name] + 1), headers);
      expect(over.statusCode, `${route.key}: ${over.body}`).toBe(413);
      expect(JSON.parse(over.body)).toEqual({
        error: 'PayloadTooLargeError',
        message: `the body of ${route.key} is ${LIMITS[name] + 1} bytes; at most ${LIMITS[name]} are accepted (${name})`,
      });
      const atLimit = await call(route, 'x'.repeat(LIMITS[name]), headers);
      expect(atLimit.statusCode, `${route.key}: ${atLimit.body}`).not.toBe(413);
    }
  }, 60_000);

  it('measures the size in bytes, not characters: multi-byte text counts as it is sent', async () => {
    const predict = ROUTES.find((r) => r.key === 'POST /predict');
    if (!predict) throw new Error('no POST /predict');
    const text = 'é'.repeat(LIMITS.ALM_MAX_BODY_BYTES / 2 + 1); // fewer characters than the limit, more bytes
    expect((await call(predict, text, {})).statusCode).toBe(413);
  });
});
