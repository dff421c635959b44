import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectUploader } from '../ports/byteSource.js';
import { PreconditionFailedError, StoreUnavailableError } from '../ports/errors.js';

/** S3's smallest part but the last is 5 MiB; 8 MiB parts take a 1 GB object in 128 parts (of at most 10,000). */
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

/**
 * `ObjectUploader` on an S3 bucket: a body that fits in one part is a single PutObject; a larger
 * one a multipart upload, parts sent one at a time as they fill (memory: one part), and
 * `If-None-Match: *` on CompleteMultipartUpload (S3 conditional writes). Any failure, the body's
 * own included, aborts the upload, so no part is left behind. 412 → PreconditionFailedError;
 * the body's error is rethrown as it is; any other SDK error → StoreUnavailableError.
 */
export class S3ObjectUploader implements ObjectUploader {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly partBytes = DEFAULT_PART_BYTES,
  ) {}

  async upload(key: string, body: AsyncIterable<Uint8Array>, options: { ifNoneMatch?: '*'; contentType?: string } = {}) {
    const common = { Bucket: this.bucket, Key: key };
    const condition = options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {};
    const type = options.contentType ? { ContentType: options.contentType } : {};
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const sendPart = async () => {
      uploadId ??= (await this.sdk('CreateMultipartUpload', key, () => this.s3.send(new CreateMultipartUploadCommand({ ...common, ...type })))).UploadId;
      const PartNumber = parts.length + 1;
      const part = Buffer.concat(pending, pendingBytes);
      [pending, pendingBytes] = [[], 0];
      const { ETag } = await this.sdk('UploadPart', key, () => this.s3.send(new UploadPartCommand({ ...common, UploadId: uploadId, PartNumber, Body: part })));
      parts.push({ ETag, PartNumber });
    };
    try {
      for await (const chunk of body) {
        pending.push(chunk);
        pendingBytes += chunk.byteLength;
        bytes += chunk.byteLength;
        if (pendingBytes >= this.partBytes) await sendPart();
      }
      if (uploadId === undefined) {
        const output = await this.sdk('PutObject', key, () => this.s3.send(new PutObjectCommand({ ...common, ...condition, ...type, Body: Buffer.concat(pending, pendingBytes) })));
        return { etag: output.ETag ?? '', bytes };
      }
      if (pendingBytes > 0) await sendPart();
      const output = await this.sdk('CompleteMultipartUpload', key, () =>
        this.s3.send(new CompleteMultipartUploadCommand({ ...common, ...condition, UploadId: uploadId, MultipartUpload: { Parts: parts } })),
      );
      return { etag: output.ETag ?? '', bytes };
    } catch (error) {
      if (uploadId !== undefined) await this.s3.send(new AbortMultipartUploadCommand({ ...common, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  /** One SDK call, its failure translated (412 → PreconditionFailedError, else StoreUnavailableError). */
  private async sdk<T>(operation: string, key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
      const status = $metadata?.httpStatusCode;
      if (status === 412 || name === 'PreconditionFailed') {
        throw new PreconditionFailedError(`${operation} s3://${this.bucket}/${key}: the object exists (If-None-Match: *)`, { cause: error });
      }
      throw new StoreUnavailableError(`${operation} s3://${this.bucket}/${key} failed: ${[name, status && `HTTP ${status}`].filter(Boolean).join(', ')}`, { cause: error });
    }
  }
}
