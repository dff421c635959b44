import { z } from 'zod';
import { NamedError } from '../errors/namedError.js';

/** The part of an SQS event the handlers read. */
export const SqsEventSchema = z.object({
  Records: z.array(z.object({ messageId: z.string(), body: z.string() })),
});

/** Partial batch response: the ids of the records to retry (ReportBatchItemFailures). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Processes an SQS batch record by record, as Powertools' BatchProcessor does: each body is
 * parsed as JSON and validated by `schema`, then handled; a record that fails (bad body or a
 * thrown error) is reported in `batchItemFailures` so SQS redelivers it, and after
 * maxReceiveCount moves it to the dead-letter queue. The others are deleted. When every record
 * failed, it throws instead (as Powertools' FullBatchFailureError): the whole batch is retried,
 * which also works where partial responses are ignored (serverless-offline-sqs).
 */
export function sqsBatchHandler<S extends z.ZodType>(schema: S, handleRecord: (message: z.infer<S>) => Promise<unknown>) {
  return async (rawEvent: unknown): Promise<SqsBatchResponse> => {
    const event = SqsEventSchema.parse(rawEvent);
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try {
        const outcome = await handleRecord(schema.parse(JSON.parse(record.body)));
        console.log(JSON.stringify({ level: 'info', messageId: record.messageId, outcome }));
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', messageId: record.messageId, message: (error as Error)?.message }));
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    if (batchItemFailures.length > 0 && batchItemFailures.length === event.Records.length) {
      throw new FullBatchFailureError(batchItemFailures.length);
    }
    return { batchItemFailures };
  };
}

/** Every record of the batch failed; thrown so the whole batch is redelivered. */
export class FullBatchFailureError extends NamedError {
  constructor(count: number) {
    super(`all ${count} record(s) of the batch failed; see the log lines above`);
  }
}
