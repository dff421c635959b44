import { z } from 'zod';

/**
 * Where and how the AWS clients connect. `endpoint` is set for a local AWS (LocalStack or
 * moto_server) and unset on AWS itself, where the SDK's default chain provides credentials.
 * `sqsEndpoint` overrides it for SQS alone (AWS's service-specific `AWS_ENDPOINT_URL_SQS`),
 * `s3Endpoint` for S3 alone (`AWS_ENDPOINT_URL_S3`).
 */
export const AwsConfigSchema = z.object({
  region: z.string().min(1),
  endpoint: z.url().optional(),
  sqsEndpoint: z.url().optional(),
  s3Endpoint: z.url().optional(),
  credentials: z.object({ accessKeyId: z.string(), secretAccessKey: z.string() }).optional(),
});
export type AwsConfig = z.infer<typeof AwsConfigSchema>;

/** Local endpoints accept any credentials; these are the conventional dummy ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/**
 * The configuration from the environment: `AWS_ENDPOINT_URL` (a local endpoint; dummy
 * credentials unless AWS_ACCESS_KEY_ID is set), `AWS_ENDPOINT_URL_SQS` and `AWS_ENDPOINT_URL_S3` (one
 * service only, with a local endpoint) and `AWS_REGION` (default us-east-1).
 */
export function awsConfigFromEnv(env: NodeJS.ProcessEnv = process.env, defaultRegion = 'us-east-1'): AwsConfig {
  const endpoint = env.AWS_ENDPOINT_URL || undefined;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || defaultRegion;
  if (!endpoint) return AwsConfigSchema.parse({ region });
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : LOCAL_CREDENTIALS;
  return AwsConfigSchema.parse({ region, endpoint, credentials, ...(env.AWS_ENDPOINT_URL_SQS ? { sqsEndpoint: env.AWS_ENDPOINT_URL_SQS } : {}), ...(env.AWS_ENDPOINT_URL_S3 ? { s3Endpoint: env.AWS_ENDPOINT_URL_S3 } : {}) });
}
