import { z } from 'zod';

/**
 * The dead-letter-queue port, as SQS's redrive model has it: a source queue whose messages that
 * failed `maxReceiveCount` receives sit in its DLQ. `peek` reads them without deleting them
 * (they are visible again right after); `redrive` moves each one back to the source queue, sent
 * there before it is deleted from the DLQ (at-least-once, like SQS's own message move task), and
 * never moves a message twice in one call. A failure is a `QueueUnavailableError`
 * (shared/ports/errors).
 */
export const DeadLetterSchema = z.object({
  messageId: z.string(),
  body: z.string(),
  /** How many times it was received, the receives in its source queue included. */
  receiveCount: z.number().int().nonnegative(),
  /** When it was first sent (to the source queue), ISO 8601; null when SQS did not say. */
  sentAt: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const DeadLetterPeekSchema = z.object({
  queue: z.string(),
  dlq: z.string(),
  /** Visible messages (ApproximateNumberOfMessages) when the peek began. */
  depth: z.number().int().nonnegative(),
  /** Messages being received by someone else at that time (ApproximateNumberOfMessagesNotVisible). */
  inFlight: z.number().int().nonnegative(),
  messages: z.array(DeadLetterSchema),
  /** True when `limit` stopped the peek before the DLQ was read to its end. */
  truncated: z.boolean(),
});
export type DeadLetterPeek = z.infer<typeof DeadLetterPeekSchema>;

export const RedriveResultSchema = z.object({
  queue: z.string(),
  dlq: z.string(),
  /** Messages sent to the source queue and deleted from the DLQ. */
  moved: z.number().int().nonnegative(),
  /** Messages the source queue refused: they stay in the DLQ. */
  failed: z.array(z.object({ messageId: z.string(), reason: z.string() })),
});
export type RedriveResult = z.infer<typeof RedriveResultSchema>;

export interface DeadLetterQueue {
  peek(limit: number): Promise<DeadLetterPeek>;
  redrive(): Promise<RedriveResult>;
}
