/**
 * The byte-stream ports of large-file ingestion. Adapters: `fileByteSource` (shared/platform),
 * `s3ByteSource` and `S3ObjectUploader` (shared/aws); test doubles in the tests.
 *
 * A `ByteSource` is re-readable: each `open()` reads the same bytes again from the first one
 * (a local file, an S3 object), so a use case may validate in one pass and store in a second.
 */
export interface ByteSource {
  /** What it reads (a path, an `s3://` URL), for messages. */
  readonly name: string;
  open(): AsyncIterable<Uint8Array>;
}

/**
 * Writes an object from a stream of chunks with bounded memory (S3: a multipart upload, one
 * part buffered at a time). `ifNoneMatch: '*'` creates only (PreconditionFailedError when the
 * key exists). When `body` throws, nothing is written (the upload is aborted) and the error is
 * rethrown as it is; any other failure is a StoreUnavailableError.
 */
export interface ObjectUploader {
  upload(
    key: string,
    body: AsyncIterable<Uint8Array>,
    options?: { readonly ifNoneMatch?: '*'; readonly contentType?: string },
  ): Promise<{ etag: string; bytes: number }>;
}
