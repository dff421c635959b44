import type { PredictionLogMessage, PredictionLogRecord } from './predictionLogRecord.js';

/** One SQS message of the prediction log, with the UTF-8 size of its JSON body. */
export interface PackedMessage {
  readonly message: PredictionLogMessage;
  readonly bytes: number;
}

export interface PackingLimits {
  readonly recordsPerMessage: number;
  /** The bytes of one message body, and of all the bodies of one call together. */
  readonly maxBatchBytes: number;
}

/** `{"records":[` and `]}` less the comma the first record does not need: a body is this plus, per record, its JSON and a comma. */
const ENVELOPE_BYTES = '{"records":[]}'.length - 1;

/**
 * Packs records, in order, into messages of at most `recordsPerMessage` records and
 * `maxBatchBytes` bytes. A record that would not fit even alone is returned in `oversize`
 * (it can never be sent). Sizes are measured once, here, off the request path.
 */
export function packMessages(
  records: readonly PredictionLogRecord[],
  limits: PackingLimits,
): { messages: PackedMessage[]; oversize: PredictionLogRecord[] } {
  const messages: PackedMessage[] = [];
  const oversize: PredictionLogRecord[] = [];
  let current: PredictionLogRecord[] = [];
  let bytes = ENVELOPE_BYTES;
  const close = () => {
    if (current.length > 0) messages.push({ message: { records: current }, bytes });
    [current, bytes] = [[], ENVELOPE_BYTES];
  };
  for (const record of records) {
    const cost = Buffer.byteLength(JSON.stringify(record)) + 1;
    if (ENVELOPE_BYTES + cost > limits.maxBatchBytes) {
      oversize.push(record);
      continue;
    }
    if (current.length === limits.recordsPerMessage || bytes + cost > limits.maxBatchBytes) close();
    current.push(record);
    bytes += cost;
  }
  close();
  return { messages, oversize };
}
