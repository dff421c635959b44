import { afterEach, describe, expect, it } from 'vitest';
import { EndpointUnavailableError, resolveEndpoint } from '../local/resolveEndpoint.js';
import { freePort, stopProcess } from '../local/processes.js';
import { tempDir } from './support/runCli.js';

const saved = { url: process.env.AWS_ENDPOINT_URL, path: process.env.PATH };
afterEach(() => {
  if (saved.url === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = saved.url;
  process.env.PATH = saved.path;
});

describe('the AWS endpoint rule', () => {
  it('1. AWS_ENDPOINT_URL wins and nothing is started', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    const endpoint = await resolveEndpoint(4566, '000000000000', tempDir(), () => {});
    expect(endpoint).toEqual({ url: 'http://127.0.0.1:9', source: 'AWS_ENDPOINT_URL' });
  });

  it('3. without a Docker engine, moto_server from PATH on the given port', async () => {
    delete process.env.AWS_ENDPOINT_URL;
    const port = await freePort();
    const endpoint = await resolveEndpoint(port, '000000000000', tempDir(), () => {});
    try {
      expect(endpoint).toMatchObject({ url: `http://127.0.0.1:${port}`, source: 'moto_server' });
      expect((await fetch(`${endpoint.url}/moto-api/`)).ok).toBe(true);
    } finally {
      if (endpoint.process) await stopProcess(endpoint.process);
    }
  });

  it('4. with nothing available, an error that says what to install', async () => {
    delete process.env.AWS_ENDPOINT_URL;
    process.env.PATH = tempDir('empty-path-');
    await expect(resolveEndpoint(4566, '000000000000', tempDir(), () => {})).rejects.toThrow(EndpointUnavailableError);
    await expect(resolveEndpoint(4566, '000000000000', tempDir(), () => {})).rejects.toThrow(/set AWS_ENDPOINT_URL.*Docker.*moto\[server\]/);
  });
});
