import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { eventHandler, UnsupportedEventError } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { FullBatchFailureError, InvalidMessageError, sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { eventKind } from '../shared/events/eventKind.js';
import { SqsEventSchema } from '../shared/events/sqsEvent.js';
import { InvalidRequestError } from '../shared/http/errors.js';
import { json } from '../shared/http/responses.js';
import { httpEvent, scheduledEvent, sqsEvent } from './support/events.js';
import { RecordingMetrics } from './support/recordingMetrics.js';

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
});
afterEach(() => vi.restoreAllMocks());

/** A function wired to every kind, recording which route ran. */
function recordingHandler() {
  const ran: string[] = [];
  const handler = eventHandler({
    http: httpRoutes({
      'GET /ping': async () => (ran.push('http'), json(200, { pong: true })),
      'POST /fail': async () => {
        throw new InvalidRequestError('bad input');
      },
    }),
    sqs: async (event) => (ran.push(`sqs:${event.Records.length}`), { batchItemFailures: [] }),
    schedule: async (event) => ran.push(`schedule:${event.time}`),
  });
  return { ran, handler };
}

describe('eventKind: by the marker each source sets', () => {
  it.each([
    ['http', httpEvent('GET', '/health')],
    ['sqs', sqsEvent('{}')],
    ['schedule', scheduledEvent()],
    [undefined, { rawPath: '/health', requestContext: { http: { method: 'GET' } } }], // no version 2.0
    [undefined, { Records: [{ eventSource: 'aws:s3', body: '' }] }],
    [undefined, { source: 'aws.events', 'detail-type': 'Object Created' }],
    [undefined, { Records: [] }],
    [undefined, {}],
    [undefined, null],
    [undefined, 'ping'],
  ])('%s for %j', (kind, event) => {
    expect(eventKind(event)).toBe(kind);
  });
});

describe('eventHandler: each kind to its own route', () => {
  it('routes HTTP by method and path, and maps a thrown error to its response', async () => {
    const { ran, handler } = recordingHandler();
    expect(await handler(httpEvent('GET', '/ping'))).toMatchObject({ statusCode: 200, body: '{"pong":true}' });
    expect(await handler(httpEvent('POST', '/fail'))).toMatchObject({ statusCode: 400, body: JSON.stringify({ error: 'InvalidRequestError', message: 'bad input' }) });
    const missing = (await handler(httpEvent('DELETE', '/ping'))) as { statusCode: number; body: string };
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('no route DELETE /ping: this function serves GET /ping, POST /fail');
    expect(ran).toEqual(['http']);
  });

  it('answers a malformed HTTP envelope with a 400', async () => {
    const { ran, handler } = recordingHandler();
    const response = (await handler({ version: '2.0', requestContext: { http: { method: 'GET' } } })) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/^malformed HTTP event: rawPath: /);
    expect(ran).toEqual([]);
  });

  it('counts and times each HTTP request by its declared route, and flushes after every kind of event', async () => {
    const metrics = new RecordingMetrics();
    let flushes = 0;
    let now = 0;
    const clock = { now: () => new Date(0), monotonicMs: () => (now += 250) };
    const handler = eventHandler(
      { http: httpRoutes({ 'GET /versions/{version}': async () => json(200, {}) }), schedule: async () => 'checked' },
      { metrics: () => metrics, clock, flush: () => void flushes++ },
    );
    await handler({ ...httpEvent('GET', '/versions/v0001'), routeKey: 'GET /versions/{version}' });
    await handler({ ...httpEvent('GET', '/versions/v0002'), routeKey: undefined }); // no route key: the raw path
    await handler(scheduledEvent());
    expect(metrics.total('http_requests_total', { route: '/versions/{version}', method: 'GET', status: '200' })).toBe(1);
    expect(metrics.total('http_requests_total', { route: '/versions/v0002' })).toBe(1);
    expect(metrics.observed('http_request_duration_seconds', { route: '/versions/{version}' })).toEqual([0.25]);
    expect(flushes).toBe(3);
  });

  it('gives SQS events and schedules to their routes', async () => {
    const { ran, handler } = recordingHandler();
    await handler(sqsEvent('{}', '{}'));
    await handler(scheduledEvent());
    expect(ran).toEqual(['sqs:2', 'schedule:2025-01-01T00:00:00Z']);
  });

  it('refuses an event of no known kind: logged and thrown, and no route runs', async () => {
    const { ran, handler } = recordingHandler();
    await expect(handler({ detail: {} })).rejects.toThrow(new UnsupportedEventError('this function handles http, sqs, schedule events, not an unknown event (keys: detail)'));
    expect(ran).toEqual([]);
    expect(JSON.parse(logged[0])).toEqual({ level: 'error', message: 'unsupported event', kind: null, declared: 'http, sqs, schedule' });
  });

  it('refuses a known kind the function does not declare (a schedule sent to an HTTP-only function)', async () => {
    let ran = false;
    const handler = eventHandler({ http: async () => ((ran = true), json(200, {})) });
    await expect(handler(scheduledEvent())).rejects.toThrow(/handles http events, not schedule/);
    expect(ran).toBe(false);
  });
});

describe('sqsBatchProcessor: partial batch failures, as Powertools', () => {
  const Message = z.object({ n: z.number() });

  it('reports each failed record by id and keeps the others', async () => {
    const seen: number[] = [];
    const process = sqsBatchProcessor(Message, async ({ n }) => {
      if (n === 3) throw new Error('three is unlucky');
      seen.push(n);
      return { ok: n };
    });
    const response = await process(SqsEventSchema.parse(sqsEvent('{"n":1}', 'not json', '{"n":"two"}', '{"n":3}', '{"n":4}')));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }, { itemIdentifier: 'm4' }] });
    expect(seen).toEqual([1, 4]);
    const lines = logged.map((line) => JSON.parse(line));
    expect(lines.filter((l) => l.level === 'info').map((l) => l.messageId)).toEqual(['m1', 'm5']);
    expect(lines.filter((l) => l.level === 'error').map((l) => [l.messageId, l.error])).toEqual([
      ['m2', 'InvalidMessageError'],
      ['m3', 'InvalidMessageError'],
      ['m4', 'Error'],
    ]);
  });

  it('throws FullBatchFailureError carrying every record error when the whole batch failed', async () => {
    const process = sqsBatchProcessor(Message, async () => {
      throw new Error('store down');
    });
    const failure = await process(SqsEventSchema.parse(sqsEvent('{"n":1}', '{'))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FullBatchFailureError);
    const { errors } = failure as FullBatchFailureError;
    expect(errors.map((e) => [e.constructor, e.message])).toEqual([
      [Error, 'store down'],
      [InvalidMessageError, 'the message body is not valid JSON'],
    ]);
    expect((failure as Error).message).toBe('all 2 record(s) of the batch failed: store down | the message body is not valid JSON');
  });
});
