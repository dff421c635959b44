import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { RESOURCES } from '../shared/config/resources.js';

/** Whether every queue of the stack is empty with nothing in flight: every message sent so far has been handled. */
export async function queuesDrained(sqs: SQSClient): Promise<boolean> {
  for (const queue of Object.values(RESOURCES.queues)) {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    if (Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) > 0) return false;
  }
  return true;
}
