import { PayloadTooLargeError } from '../http/errors.js';

/**
 * How many records one predict request may carry; past it the answer is a 413. (Its size in bytes
 * is the route guard's `ALM_MAX_BODY_BYTES`, see `shared/http/routeAccess.ts`.)
 */
export interface ServingLimits {
  /** Records per request (a single-record body counts as one). */
  readonly maxRecords: number;
}

/** 1,000 records. */
export const DEFAULT_SERVING_LIMITS: ServingLimits = { maxRecords: 1000 };

/** Throws PayloadTooLargeError when a batch of `count` records is over the limit. */
export function checkRecordCount(count: number, limits: ServingLimits): void {
  if (count > limits.maxRecords) {
    throw new PayloadTooLargeError(`the batch has ${count} records; at most ${limits.maxRecords} are accepted per request`);
  }
}
