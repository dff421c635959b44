import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PreconditionFailedError, StoreUnavailableError } from '../ports/errors.js';
import type { ObjectStore, PutOptions, StoredObject } from '../ports/objectStore.js';

/** The parts of an SDK error this adapter looks at. */
interface SdkErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function sdkError(error: unknown): SdkErrorLike {
  return typeof error === 'object' && error !== null ? (error as SdkErrorLike) : {};
}

function httpStatus(error: unknown): number | undefined {
  return sdkError(error).$metadata?.httpStatusCode;
}

/**
 * `ObjectStore` on an S3 bucket (AWS, moto_server or LocalStack). The caller owns the client
 * (the project's one AWS client factory builds it); this adapter only translates:
 * - GetObject `NoSuchKey` and HeadObject 404 → undefined (a missing bucket on GetObject is
 *   `NoSuchBucket`, which stays an error);
 * - PutObject 412 `PreconditionFailed` → PreconditionFailedError; so is 409
 *   `ConditionalRequestConflict` (a concurrent conditional write on the same key: S3 asks to
 *   retry, which is what a lost race means to callers), and 404 `NoSuchKey` on an `ifMatch` put
 *   (S3 answers so when the object to match is absent);
 * - anything else (network, credentials, throttling after the SDK's own retries) →
 *   StoreUnavailableError with the SDK error as `cause`.
 * ETags are kept exactly as S3 returns them (quoted). `list` follows continuation tokens.
 */
export class S3ObjectStore implements ObjectStore {
  private readonly pageSize: number | undefined;

  /** `options.pageSize` (ListObjectsV2 MaxKeys) exists so tests can exercise pagination. */
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    options: { readonly pageSize?: number } = {},
  ) {
    this.pageSize = options.pageSize;
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const output = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = output.Body ? await output.Body.transformToString('utf-8') : '';
      return { body, etag: this.requireEtag(output.ETag, 'GetObject', key) };
    } catch (error) {
      if (sdkError(error).name === 'NoSuchKey') return undefined;
      throw this.unavailable('GetObject', key, error);
    }
  }

  async head(key: string): Promise<{ etag: string } | undefined> {
    try {
      const output = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { etag: this.requireEtag(output.ETag, 'HeadObject', key) };
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw this.unavailable('HeadObject', key, error);
    }
  }

  async put(key: string, body: string, options: PutOptions = {}): Promise<{ etag: string }> {
    try {
      const output = await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ...(options.contentType ? { ContentType: options.contentType } : {}),
          ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
          ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
        }),
      );
      return { etag: this.requireEtag(output.ETag, 'PutObject', key) };
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      const status = httpStatus(error);
      const name = sdkError(error).name;
      const conditional = options.ifNoneMatch !== undefined || options.ifMatch !== undefined;
      if (
        conditional &&
        (status === 412 || name === 'PreconditionFailed' || status === 409 || name === 'ConditionalRequestConflict' ||
          (options.ifMatch !== undefined && name === 'NoSuchKey'))
      ) {
        throw new PreconditionFailedError(`put s3://${this.bucket}/${key}: ${name ?? status} (${describeCondition(options)})`, {
          cause: error,
        });
      }
      throw this.unavailable('PutObject', key, error);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const output = await this.s3.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : {}),
            ...(this.pageSize ? { MaxKeys: this.pageSize } : {}),
          }),
        );
        for (const object of output.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
        token = output.IsTruncated ? output.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw this.unavailable('ListObjectsV2', prefix, error);
    }
    return keys.sort();
  }

  private requireEtag(etag: string | undefined, operation: string, key: string): string {
    if (etag === undefined) throw new StoreUnavailableError(`${operation} s3://${this.bucket}/${key}: the response has no ETag`);
    return etag;
  }

  private unavailable(operation: string, key: string, error: unknown): StoreUnavailableError {
    if (error instanceof StoreUnavailableError) return error;
    const { name, message } = sdkError(error);
    const status = httpStatus(error);
    const detail = [name, status !== undefined ? `HTTP ${status}` : undefined, message].filter(Boolean).join(', ');
    return new StoreUnavailableError(`${operation} s3://${this.bucket}/${key} failed: ${detail || String(error)}`, { cause: error });
  }
}

function describeCondition(options: PutOptions): string {
  return options.ifMatch !== undefined ? `If-Match: ${options.ifMatch}` : 'If-None-Match: *';
}
