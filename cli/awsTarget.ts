import { awsConfigFromEnv, LOCAL_CREDENTIALS, type AwsConfig } from '../shared/aws/awsConfig.js';
import { RESOURCES } from '../shared/config/resources.js';

/**
 * Where the CLI's direct AWS commands (`alm dlq`, `alm ingest`) go: with `--aws`, AWS itself
 * (its own credential chain); else `AWS_ENDPOINT_URL` when set, or the local stack's endpoint,
 * with the local credentials when the environment has none.
 */
export function cliAwsConfig(aws: boolean): AwsConfig {
  if (aws) return awsConfigFromEnv({ ...process.env, AWS_ENDPOINT_URL: '' }, RESOURCES.region);
  const env = process.env.AWS_ENDPOINT_URL ? process.env : { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${RESOURCES.ports.aws}` };
  const config = awsConfigFromEnv(env, RESOURCES.region);
  return { ...config, credentials: config.credentials ?? LOCAL_CREDENTIALS };
}
