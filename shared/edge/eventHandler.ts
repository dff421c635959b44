import type { z } from 'zod';
import { NamedError } from '../errors/namedError.js';
import { eventKind, type EventKind } from '../events/eventKind.js';
import { HttpApiEventSchema, type HttpRequest, type HttpResponse } from '../events/httpApiEvent.js';
import { ScheduledEventSchema, type ScheduledEvent } from '../events/scheduledEvent.js';
import { SqsEventSchema, type SqsBatchResponse, type SqsEvent } from '../events/sqsEvent.js';
import { InvalidRequestError } from '../http/errors.js';
import { formatZodIssues } from '../util/formatZodIssues.js';
import { errorResponse } from './errorResponse.js';

/** An event of no kind the function declares; logged and thrown (the invocation fails). */
export class UnsupportedEventError extends NamedError {}

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
 */
export function eventHandler(routes: EventRoutes): (event: unknown) => Promise<unknown> {
  return async (event: unknown) => {
    const kind = eventKind(event);
    if (kind === 'http' && routes.http) return handleHttp(routes.http, event);
    if (kind === 'sqs' && routes.sqs) return routes.sqs(parseEnvelope(SqsEventSchema, event, kind));
    if (kind === 'schedule' && routes.schedule) return routes.schedule(parseEnvelope(ScheduledEventSchema, event, kind));
    const declared = Object.keys(routes).join(', ');
    const described = kind ?? `an unknown event (keys: ${describeKeys(event)})`;
    console.error(JSON.stringify({ level: 'error', message: 'unsupported event', kind: kind ?? null, declared }));
    throw new UnsupportedEventError(`this function handles ${declared} events, not ${described}`);
  };
}

async function handleHttp(route: NonNullable<EventRoutes['http']>, event: unknown): Promise<HttpResponse> {
  try {
    const parsed = HttpApiEventSchema.safeParse(event);
    if (!parsed.success) throw new InvalidRequestError(`malformed HTTP event: ${formatZodIssues(parsed.error)}`);
    return await route(parsed.data);
  } catch (error) {
    return errorResponse(error);
  }
}

function parseEnvelope<S extends z.ZodType>(schema: S, event: unknown, kind: EventKind): z.output<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw new UnsupportedEventError(`malformed ${kind} event: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

function describeKeys(event: unknown): string {
  return typeof event === 'object' && event !== null ? Object.keys(event).slice(0, 8).join(', ') || 'none' : typeof event;
}
