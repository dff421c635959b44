import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { readSecureParameter, writeSecureParameter } from '../shared/aws/secureParameter.js';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { StoreUnavailableError } from '../shared/ports/errors.js';
import { freePort } from '../local/processes.js';
import { apiKeySource } from '../shared/runtime/apiKeySource.js';
import { runtimeConfigFromEnv } from '../shared/runtime/runtimeConfig.js';
import { manualClock } from './support/manualClock.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';

/**
 * Security rule 2: the admin key is read at run time from an SSM SecureString (decrypted), once
 * per container, against moto_server's SSM (the SSM client comes from `createAwsClients`).
 */
let moto: MotoServer;
let ssm: SSMClient;

/** The real SSM read, counted. */
function countedReader() {
  const reader = { reads: 0, read: (name: string) => (reader.reads++, readSecureParameter(ssm, name)) };
  return reader;
}

describe('the admin API key from SSM Parameter Store (moto)', () => {
  beforeAll(async () => {
    moto = await startMotoServer('alm-security-ssm');
    ssm = createAwsClients({ region: 'us-east-1', endpoint: moto.endpoint, credentials: LOCAL_CREDENTIALS }).ssm;
  }, 60_000);

  afterAll(async () => {
    ssm?.destroy();
    await moto?.stop();
  });

  it('stores a SecureString (encrypted at rest: a read without decryption is not the key) and reads it decrypted', async () => {
    await writeSecureParameter(ssm, '/alm/test/key-a', 'plain-key-a');
    const raw = await ssm.send(new GetParameterCommand({ Name: '/alm/test/key-a', WithDecryption: false }));
    expect(raw.Parameter?.Type).toBe('SecureString');
    expect(raw.Parameter?.Value).not.toBe('plain-key-a');
    expect(await readSecureParameter(ssm, '/alm/test/key-a')).toBe('plain-key-a');
    expect(await readSecureParameter(ssm, '/alm/test/absent')).toBeUndefined();
  });

  it('reads the parameter once and caches it for the container, concurrent first calls included', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/alm/test/key-b', Value: 'first-key', Type: 'SecureString' }));
    const reader = countedReader();
    const apiKey = apiKeySource({ parameterName: '/alm/test/key-b', readParameter: reader.read, clock: manualClock() });
    expect(await Promise.all([apiKey(), apiKey(), apiKey()])).toEqual(['first-key', 'first-key', 'first-key']);
    await ssm.send(new PutParameterCommand({ Name: '/alm/test/key-b', Value: 'second-key', Type: 'SecureString', Overwrite: true }));
    for (let i = 0; i < 5; i++) expect(await apiKey()).toBe('first-key');
    expect(reader.reads).toBe(1);
  });

  it('with ALM_API_KEY_CACHE_SECONDS, re-reads after that long: a rotated key takes over', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/alm/test/key-c', Value: 'old-key', Type: 'SecureString' }));
    const clock = manualClock();
    const reader = countedReader();
    const apiKey = apiKeySource({ parameterName: '/alm/test/key-c', readParameter: reader.read, clock, cacheSeconds: 60 });
    expect(await apiKey()).toBe('old-key');
    await ssm.send(new PutParameterCommand({ Name: '/alm/test/key-c', Value: 'new-key', Type: 'SecureString', Overwrite: true }));
    clock.advance(59_000);
    expect(await apiKey()).toBe('old-key');
    clock.advance(1_000);
    expect(await apiKey()).toBe('new-key');
    expect(reader.reads).toBe(2);
  });

  it('prefers ALM_API_KEY from the environment (local use) and never reads SSM then', async () => {
    const reader = countedReader();
    const apiKey = apiKeySource({ envKey: 'env-key', parameterName: '/alm/test/key-a', readParameter: reader.read, clock: manualClock() });
    expect(await apiKey()).toBe('env-key');
    expect(reader.reads).toBe(0);
    expect(await apiKeySource({ readParameter: reader.read, clock: manualClock() })()).toBeUndefined();
  });

  it('an unreachable SSM is a 503 (StoreUnavailableError), not a 401, and is not cached; the last good key is kept', async () => {
    const dead = createAwsClients({ region: 'us-east-1', endpoint: `http://127.0.0.1:${await freePort()}`, credentials: LOCAL_CREDENTIALS }).ssm;
    const failing = apiKeySource({ parameterName: '/alm/test/key-a', readParameter: (name) => readSecureParameter(dead, name), clock: manualClock() });
    const error = await failing().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(errorStatus(error).http).toBe(503);
    dead.destroy();

    let up = true;
    const clock = manualClock();
    const flaky = apiKeySource({
      parameterName: '/alm/test/key-a',
      readParameter: (name) => (up ? readSecureParameter(ssm, name) : Promise.reject(new StoreUnavailableError('down'))),
      clock,
      cacheSeconds: 1,
    });
    expect(await flaky()).toBe('plain-key-a');
    up = false;
    clock.advance(2_000);
    expect(await flaky()).toBe('plain-key-a');
  }, 60_000);

  it('the runtime settings name the parameter, never require the key itself', () => {
    const config = runtimeConfigFromEnv({ ALM_API_KEY_PARAMETER: '/automl-lifecycle-monitor/prod/api-key', ALM_API_KEY: '' });
    expect(config.ALM_API_KEY).toBeUndefined();
    expect(config.ALM_API_KEY_PARAMETER).toBe('/automl-lifecycle-monitor/prod/api-key');
    expect(() => runtimeConfigFromEnv({ ALM_API_KEY_PARAMETER: 'has spaces' })).toThrow();
  });
});
