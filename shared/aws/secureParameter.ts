import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { StoreUnavailableError } from '../ports/errors.js';

/**
 * SSM Parameter Store's SecureString parameters, as the admin API key is kept on AWS
 * (`aws ssm put-parameter --type SecureString`). Reads ask for `WithDecryption: true`, so the
 * answer is the plain value (KMS decrypts it inside SSM; the caller needs `ssm:GetParameter`).
 * A parameter that does not exist is `undefined`; any other failure is a StoreUnavailableError
 * with the SDK error as `cause` (its message never holds the value: the SDK does not echo it).
 */
export async function readSecureParameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    const answer = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return answer.Parameter?.Value;
  } catch (error) {
    if ((error as { name?: string }).name === 'ParameterNotFound') return undefined;
    throw new StoreUnavailableError(`cannot read the SSM parameter ${name}: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes `value` as a SecureString (overwriting it): what `npm start` does for the local stack's key. */
export async function writeSecureParameter(ssm: SSMClient, name: string, value: string): Promise<void> {
  try {
    await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'SecureString', Overwrite: true }));
  } catch (error) {
    throw new StoreUnavailableError(`cannot write the SSM parameter ${name}: ${(error as Error).message}`, { cause: error });
  }
}
