import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../shared/aws/awsClients.js';
import type { Resources } from '../shared/config/resources.js';

/**
 * What exists on an endpoint of the resources `config/resources.json` names, normalized (queue
 * ARNs reduced to names) so two provisioning paths can be compared.
 */
export async function describeResources(clients: AwsClients, resources: Resources) {
  await clients.s3.send(new HeadBucketCommand({ Bucket: resources.bucket }));
  const queues: Record<string, unknown> = {};
  for (const queue of Object.values(resources.queues)) {
    const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    const { Attributes = {} } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] }),
    );
    const redrive = JSON.parse(Attributes.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string; maxReceiveCount?: number | string };
    queues[queue.name] = {
      visibilityTimeout: Number(Attributes.VisibilityTimeout),
      deadLetterQueue: redrive.deadLetterTargetArn?.split(':').at(-1),
      maxReceiveCount: Number(redrive.maxReceiveCount),
    };
  }
  const { Rules = [] } = await clients.eventBridge.send(new ListRulesCommand({ NamePrefix: resources.driftSchedule.rule }));
  return { bucket: resources.bucket, queues, rules: Rules.map((r) => ({ name: r.Name, schedule: r.ScheduleExpression, state: r.State })) };
}
