import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import type { HttpResponse } from '../shared/events/httpApiEvent.js';
import { json } from '../shared/http/responses.js';
import { parseVersionId } from '../shared/registry/ids.js';

/**
 * Property-based test (fast-check, fixed seed) of the HTTP edge every route sits behind
 * (`eventHandler` + `httpRoutes`): any method, raw path (malformed percent-escapes included),
 * query and body gets a 200, or a 4xx from the one error mapping; never a 5xx.
 */
const RUNS = { seed: 1207, numRuns: 400 };

const handler = eventHandler({
  http: httpRoutes({
    'POST /predict': async () => json(200, {}),
    'GET /versions/{version}': async (_, { version }) => json(200, { version: parseVersionId(version) }),
    'GET /reports/{id}/html': async (_, { id }) => json(200, { id }),
  }),
});

const segment = fc.oneof(
  fc.constantFrom('predict', 'versions', 'reports', 'html', 'v0001', '', '%', '%E0%A4%A', '%ZZ', '%2F', '%00', '..', '%C0%AF', '%F0%9F%98%80'),
  fc.string({ maxLength: 8 }),
);
const path = fc.oneof(
  fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  segment.map((version) => `/versions/${version}`),
  segment.map((id) => `/reports/${id}/html`),
);
const event = fc.record({
  version: fc.constant('2.0'),
  rawPath: path,
  requestContext: fc.record({ http: fc.record({ method: fc.constantFrom('GET', 'POST', 'get', 'DELETE', 'PATCH', '') }) }),
  body: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
});

describe('the HTTP edge on random requests', () => {
  it('answers 200 or a 4xx for any method and raw path, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (request) => {
        const response = (await handler(request)) as HttpResponse;
        expect([200, 400, 404], `${request.requestContext.http.method} ${request.rawPath}: ${response.body}`).toContain(response.statusCode);
      }),
      RUNS,
    );
  });
});
