import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { InvalidDatasetError } from '../automl/errors.js';
import type { ByteSource } from '../ports/byteSource.js';
import { StoreUnavailableError } from '../ports/errors.js';

/**
 * `ByteSource` on an S3 object: each `open()` is a new GetObject whose body is streamed as it
 * arrives (the SDK's Node stream), never buffered whole. A missing object is an
 * InvalidDatasetError naming it; any other failure a StoreUnavailableError.
 */
export function s3ByteSource(s3: S3Client, bucket: string, key: string): ByteSource {
  const name = `s3://${bucket}/${key}`;
  return {
    name,
    async *open() {
      let body: AsyncIterable<Uint8Array>;
      try {
        const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        body = output.Body as unknown as AsyncIterable<Uint8Array>;
      } catch (error) {
        if ((error as { name?: string })?.name === 'NoSuchKey') throw new InvalidDatasetError(`${name} does not exist`, { cause: error });
        throw new StoreUnavailableError(`GetObject ${name} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
      }
      yield* body;
    },
  };
}
