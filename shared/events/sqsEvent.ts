import { z } from 'zod';

/**
 * The SQS event envelope (Lambda event source mapping, as serverless-offline-sqs also sends
 * it), recognised by every record's `eventSource: "aws:sqs"`. Only the fields the batch
 * processor reads are kept.
 */
export const SqsEventSchema = z.object({
  Records: z
    .array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string().min(1), body: z.string() }))
    .min(1),
});
export type SqsEvent = z.infer<typeof SqsEventSchema>;

/** Partial batch response (ReportBatchItemFailures): the ids of the records SQS must redeliver. */
export const SqsBatchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string() })),
});
export type SqsBatchResponse = z.infer<typeof SqsBatchResponseSchema>;
