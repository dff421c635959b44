import { PayloadTooLargeError } from '../http/errors.js';

/** How much one predict request may carry; past either limit the answer is a 413. */
export interface ServingLimits {
  /** Records per request (a single-record body counts as one). */
  readonly maxRecords: number;
  /** Bytes of the raw body, as received (before base64 decoding, which only shrinks it). */
  readonly maxBodyBytes: number;
}

/** 1,000 records and 1 MiB (1,048,576 bytes). */
export const DEFAULT_SERVING_LIMITS: ServingLimits = { maxRecords: 1000, maxBodyBytes: 1024 * 1024 };

/** Throws PayloadTooLargeError when a batch of `count` records is over the limit. */
export function checkRecordCount(count: number, limits: ServingLimits): void {
  if (count > limits.maxRecords) {
    throw new PayloadTooLargeError(`the batch has ${count} records; at most ${limits.maxRecords} are accepted per request`);
  }
}
