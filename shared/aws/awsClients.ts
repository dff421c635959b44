import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { AwsConfig } from './awsConfig.js';

export interface AwsClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly eventBridge: EventBridgeClient;
  /** Parameter Store: the admin API key on AWS (`shared/aws/secureParameter.ts`). */
  readonly ssm: SSMClient;
}

/**
 * The one factory of AWS clients: every S3, SQS, EventBridge and SSM client of the project comes from here, with
 * the same endpoint, region and credentials. Path-style S3 addressing on a local endpoint (moto
 * and LocalStack do not resolve bucket sub-domains). Every request has a deadline
 * (`REQUEST_TIMEOUTS`): without one the SDK waits forever for a response that never comes, and a
 * function hangs until its own timeout; a timed-out request is retried (`maxAttempts`).
 */
/** Milliseconds to connect, and to wait for a response once connected. */
export const REQUEST_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 20_000 } as const;

export function createAwsClients(config: AwsConfig, timeouts: { readonly connectionTimeout: number; readonly requestTimeout: number } = REQUEST_TIMEOUTS): AwsClients {
  const common = {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    maxAttempts: 3,
    requestHandler: { ...timeouts, throwOnRequestTimeout: true },
  };
  return {
    s3: new S3Client({ ...common, ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}), forcePathStyle: Boolean(config.endpoint) }),
    sqs: new SQSClient(config.sqsEndpoint ? { ...common, endpoint: config.sqsEndpoint } : common),
    eventBridge: new EventBridgeClient(common),
    ssm: new SSMClient(common),
  };
}
