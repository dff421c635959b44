import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * The queue URL of `queueName`, looked up on first use and kept; a failed lookup is forgotten, so
 * the next call asks again.
 */
export function queueUrlLookup(sqs: SQSClient, queueName: string): () => Promise<string> {
  let url: Promise<string> | undefined;
  return () => {
    if (!url) {
      url = sqs.send(new GetQueueUrlCommand({ QueueName: queueName })).then((r) => {
        if (!r.QueueUrl) throw new Error(`queue ${queueName} has no URL`);
        return r.QueueUrl;
      });
      url.catch(() => (url = undefined));
    }
    return url;
  };
}
