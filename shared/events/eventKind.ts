import { z } from 'zod';

/**
 * Which envelope an event is, by the explicit marker each source sets (never by trying one
 * envelope and falling back to another): HTTP API `version: "2.0"` with `requestContext.http`,
 * SQS records' `eventSource: "aws:sqs"`, EventBridge `source: "aws.events"` with
 * `detail-type: "Scheduled Event"`. Undefined for anything else.
 */
export type EventKind = 'http' | 'sqs' | 'schedule';

const MARKERS: readonly [EventKind, z.ZodType][] = [
  ['http', z.object({ version: z.literal('2.0'), requestContext: z.object({ http: z.object({}) }) })],
  ['sqs', z.object({ Records: z.array(z.object({ eventSource: z.literal('aws:sqs') })).min(1) })],
  ['schedule', z.object({ source: z.literal('aws.events'), 'detail-type': z.literal('Scheduled Event') })],
];

export function eventKind(event: unknown): EventKind | undefined {
  return MARKERS.find(([, marker]) => marker.safeParse(event).success)?.[0];
}
