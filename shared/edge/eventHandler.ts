import type { z } from 'zod';
import { NamedError } from '../errors/namedError.js';
import { eventKind, type EventKind } from '../events/eventKind.js';
import { HttpApiEventSchema, type HttpRequest, type HttpResponse } from '../events/httpApiEvent.js';
import { ScheduledEventSchema, type ScheduledEvent } from '../events/scheduledEvent.js';
import { SqsEventSchema, type SqsBatchResponse, type SqsEvent } from '../events/sqsEvent.js';
import { InvalidRequestError } from '../http/errors.js';
import type { Clock } from '../ports/clock.js';
import type { Metrics } from '../ports/metrics.js';
import { formatZodIssues } from '../util/formatZodIssues.js';
import { errorResponse } from './errorResponse.js';

/** An event of no kind the function declares; logged and thrown (the invocation fails). */
export class UnsupportedEventError extends NamedError {}

/**
 * How invocations are measured: HTTP requests counted and timed (`http_requests_total`,
 * `http_request_duration_seconds`) into `metrics`, and `flush` (the push of the container's
 * deltas to the sidecar, fire-and-forget) called after every event of any kind.
 */
export interface Instrumentation {
  readonly metrics: () => Metrics;
  readonly clock: Clock;
  readonly flush?: () => void;
}

/** What a function does for each kind of event it is wired to in serverless.yml. */
export interface EventRoutes {
  readonly http?: (request: HttpRequest) => Promise<HttpResponse>;
  readonly sqs?: (event: SqsEvent) => Promise<SqsBatchResponse>;
  readonly schedule?: (event: ScheduledEvent) => Promise<unknown>;
}

/**
 * A Lambda handler that dispatches by the event's explicit kind (`eventKind`), as Powertools'
 * parser envelopes do: each kind is parsed with its own envelope and given to its route.
 * - HTTP: any thrown error becomes its response (`errorResponse`); a malformed envelope is a 400.
 * - SQS and schedule: errors propagate (SQS redelivers; the scheduler logs the failure).
 * - Anything else, or a kind the function does not declare: logged, then UnsupportedEventError.
 * With `instrumentation`, every HTTP request is counted by route (API Gateway's route key, so
 * `/versions/{version}` is one route), method and status, and timed; after any event, its flush runs.
 */
export function eventHandler(routes: EventRoutes, instrumentation?: Instrumentation): (event: unknown) => Promise<unknown> {
  const dispatch = dispatcher(routes, instrumentation);
  if (!instrumentation?.flush) return dispatch;
  const flush = instrumentation.flush;
  return async (event: unknown) => {
    try {
      return await dispatch(event);
    } finally {
      flush();
    }
  };
}

function dispatcher(routes: EventRoutes, instrumentation?: Instrumentation): (event: unknown) => Promise<unknown> {
  return async (event: unknown) => {
    const kind = eventKind(event);
    if (kind === 'http' && routes.http) return handleHttp(routes.http, event, instrumentation);
    if (kind === 'sqs' && routes.sqs) return routes.sqs(parseEnvelope(SqsEventSchema, event, kind));
    if (kind === 'schedule' && routes.schedule) return routes.schedule(parseEnvelope(ScheduledEventSchema, event, kind));
    const declared = Object.keys(routes).join(', ');
    const described = kind ?? `an unknown event (keys: ${describeKeys(event)})`;
    console.error(JSON.stringify({ level: 'error', message: 'unsupported event', kind: kind ?? null, declared }));
    throw new UnsupportedEventError(`this function handles ${declared} events, not ${described}`);
  };
}

async function handleHttp(route: NonNullable<EventRoutes['http']>, event: unknown, instrumentation?: Instrumentation): Promise<HttpResponse> {
  const started = instrumentation?.clock.monotonicMs() ?? 0;
  const parsed = HttpApiEventSchema.safeParse(event);
  let response: HttpResponse;
  try {
    if (!parsed.success) throw new InvalidRequestError(`malformed HTTP event: ${formatZodIssues(parsed.error)}`);
    response = await route(parsed.data);
  } catch (error) {
    response = errorResponse(error);
  }
  if (instrumentation && parsed.success) {
    const { method, route } = parsed.data;
    const metrics = instrumentation.metrics();
    metrics.increment('http_requests_total', { route, method, status: String(response.statusCode) });
    metrics.observe('http_request_duration_seconds', (instrumentation.clock.monotonicMs() - started) / 1000, { route, method });
  }
  return response;
}

function parseEnvelope<S extends z.ZodType>(schema: S, event: unknown, kind: EventKind): z.output<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw new UnsupportedEventError(`malformed ${kind} event: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

function describeKeys(event: unknown): string {
  return typeof event === 'object' && event !== null ? Object.keys(event).slice(0, 8).join(', ') || 'none' : typeof event;
}
