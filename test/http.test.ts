import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidDatasetError, ModelArtifactError } from '../shared/automl/errors.js';
import { errorStatus } from '../shared/errors/status.js';
import { ApiGatewayEventSchema, bodyText } from '../shared/http/apiGatewayEvent.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { httpHandler, jsonBody } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { InvalidRequestError, NoProductionModelError, UnauthorizedError } from '../shared/lifecycle/errors.js';
import { trainOptionsFromQuery } from '../shared/lifecycle/trainOptionsFromQuery.js';
import { InvalidIdError, NothingToRollBackError, VersionNotFoundError } from '../shared/registry/errors.js';

/** An HTTP API (payload 2.0) event as API Gateway and serverless-offline send it. */
function event(method: string, path: string, body = '', headers: Record<string, string> = {}, isBase64Encoded = false) {
  return { version: '2.0', rawPath: path, requestContext: { http: { method, path } }, headers, body, isBase64Encoded };
}

describe('HTTP edge', () => {
  it('normalizes the event and decodes base64 bodies', () => {
    const parsed = ApiGatewayEventSchema.parse(event('post', '/ingest', Buffer.from('a,b\n').toString('base64'), { 'Content-Type': 'text/csv' }, true));
    expect(parsed).toMatchObject({ method: 'POST', path: '/ingest', query: {} });
    expect(bodyText(parsed)).toBe('a,b\n');
  });

  it('requires the API key, compared exactly', () => {
    const withKey = (key?: string) => ApiGatewayEventSchema.parse(event('POST', '/promote', '', key ? { 'x-api-key': key } : {}));
    expect(() => requireApiKey(withKey(), 'secret')).toThrow('missing x-api-key header');
    expect(() => requireApiKey(withKey('secreT'), 'secret')).toThrow('invalid API key');
    expect(() => requireApiKey(withKey('secret'), undefined)).toThrow(/ALM_API_KEY is not configured/);
    expect(() => requireApiKey(withKey('secret'), 'secret')).not.toThrow();
  });

  it('maps every thrown error to one status, with a message for client errors only', async () => {
    const route = (error: unknown) => httpHandler(async () => {
      throw error;
    });
    const cases: [unknown, number][] = [
      [new InvalidDatasetError('row 2 is ragged'), 400],
      [new InvalidRequestError('bad'), 400],
      [new InvalidIdError('bad id'), 400],
      [new UnauthorizedError('no key'), 401],
      [new VersionNotFoundError('v0009'), 404],
      [new NothingToRollBackError('none'), 409],
      [new NoProductionModelError('none yet'), 503],
      [new ModelArtifactError('checksum'), 500],
    ];
    for (const [error, status] of cases) {
      const response = await route(error)(event('POST', '/x'));
      expect(response.statusCode, String(error)).toBe(status);
      expect(JSON.parse(response.body).message).toBe((error as Error).message);
    }
    const internal = await route(new TypeError('secret detail'))(event('POST', '/x'));
    expect(internal.statusCode).toBe(500);
    expect(internal.body).not.toMatch(/secret detail|at /);
    expect((await httpHandler(async () => json(200, {}))({ not: 'an event' })).statusCode).toBe(400);
    expect(errorStatus(new InvalidDatasetError('x')).exitCode).toBe(2);
  });

  it('parses JSON bodies with a schema and names what is wrong', async () => {
    const schema = z.object({ version: z.string().regex(/^v\d{4}$/) });
    const route = httpHandler(async (e) => json(200, jsonBody(e, schema)));
    expect((await route(event('POST', '/p', '{"version":"v0001"}'))).statusCode).toBe(200);
    const notJson = await route(event('POST', '/p', '{'));
    expect(notJson.statusCode).toBe(400);
    expect(JSON.parse(notJson.body).message).toBe('the body is not valid JSON');
    const wrong = await route(event('POST', '/p', '{"version":"1"}'));
    expect(JSON.parse(wrong.body)).toMatchObject({ error: 'InvalidRequest', message: expect.stringMatching(/^version: /) });
  });

  it('reads training options from a query string, refusing unknown parameters', () => {
    expect(trainOptionsFromQuery({ seed: '7', candidates: 'linear,gradient_boosting', target: 'y' })).toEqual({
      seed: 7,
      candidates: ['linear', 'gradient_boosting'],
      target: 'y',
    });
    expect(() => trainOptionsFromQuery({ sead: '7' })).toThrow(/unknown query parameter 'sead'/);
  });
});
