import type { z } from 'zod';
import { NamedError } from '../errors/namedError.js';
import type { SqsBatchResponse, SqsEvent } from '../events/sqsEvent.js';
import { parseJson } from '../util/parseJson.js';

/** Every record of the batch failed; thrown so the whole batch is redelivered. `errors` holds each record's error. */
export class FullBatchFailureError extends NamedError {
  constructor(readonly errors: readonly Error[]) {
    super(`all ${errors.length} record(s) of the batch failed: ${errors.map((e) => e.message).join(' | ')}`, { cause: errors[0] });
  }
}

/** A record whose body is not JSON or does not match the queue's message schema. */
export class InvalidMessageError extends NamedError {}

/**
 * Processes an SQS batch record by record, as Powertools' BatchProcessor does: each body is
 * parsed as JSON and validated by `schema`, then handled; a record that fails (bad body or a
 * thrown error) is reported in `batchItemFailures` so SQS redelivers it, and after
 * maxReceiveCount moves it to the dead-letter queue. The others are deleted. When every record
 * failed it throws FullBatchFailureError (with every record's error), so the whole batch is
 * retried, which also works where partial responses are ignored (serverless-offline-sqs).
 */
export function sqsBatchProcessor<S extends z.ZodType>(schema: S, handleRecord: (message: z.output<S>) => Promise<unknown>) {
  return async (event: SqsEvent): Promise<SqsBatchResponse> => {
    const failures: { itemIdentifier: string }[] = [];
    const errors: Error[] = [];
    for (const record of event.Records) {
      try {
        const outcome = await handleRecord(parseMessage(schema, record.body));
        console.log(JSON.stringify({ level: 'info', messageId: record.messageId, outcome }));
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        console.error(JSON.stringify({ level: 'error', messageId: record.messageId, error: failure.name, message: failure.message }));
        failures.push({ itemIdentifier: record.messageId });
        errors.push(failure);
      }
    }
    if (failures.length === event.Records.length) throw new FullBatchFailureError(errors);
    return { batchItemFailures: failures };
  };
}

function parseMessage<S extends z.ZodType>(schema: S, body: string): z.output<S> {
  return parseJson(body, schema, (why, cause) => new InvalidMessageError(`the message body ${why}`, { cause }));
}
