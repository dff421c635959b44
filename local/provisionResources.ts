import { PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../shared/aws/awsClients.js';
import type { QueueResource, Resources } from '../shared/config/resources.js';

/**
 * Creates, if absent, what serverless.yml declares, from `config/resources.json`: the registry
 * bucket, each queue with its dead-letter queue and redrive policy, and the drift-check
 * schedule rule. The LocalStack init hook (`localstack/ready.d/`) does the same with awslocal.
 * Idempotent.
 */
export async function provisionResources(clients: AwsClients, resources: Resources): Promise<void> {
  await ensureBucket(clients, resources.bucket);
  for (const queue of Object.values(resources.queues)) await ensureQueue(clients, queue);
  await clients.eventBridge.send(
    new PutRuleCommand({ Name: resources.driftSchedule.rule, ScheduleExpression: resources.driftSchedule.expression, State: 'ENABLED' }),
  );
}

async function ensureBucket({ s3 }: AwsClients, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

async function ensureQueue({ sqs }: AwsClients, queue: QueueResource): Promise<void> {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: queue.dlq }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes
    ?.QueueArn;
  await sqs.send(
    new CreateQueueCommand({
      QueueName: queue.name,
      Attributes: {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: queue.maxReceiveCount }),
      },
    }),
  );
}
