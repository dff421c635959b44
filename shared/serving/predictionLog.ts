import type { PredictionLogRecord } from './predictionLogRecord.js';

/** Where served predictions go. Nothing here ever throws or fails a prediction. */
export interface PredictionLog {
  /** Buffers records (not to be mutated afterwards); returns at once, never waits for the queue. */
  append(records: readonly PredictionLogRecord[]): void;
  /** One attempt at everything buffered and ready now; resolves when those attempts (and the calls in flight) are over. */
  flush(): Promise<void>;
  /**
   * The end of an invocation: in `sync` mode a `flush` (for runtimes that freeze the container
   * between invocations, such as AWS Lambda), in `background` mode nothing (the timer sends).
   */
  settle(): Promise<void>;
  /** `flush`, then waits until nothing is held (sent, or dropped after its retries), at most `drainTimeoutMs`. */
  drain(): Promise<void>;
  stats(): PredictionLogStats;
}

export interface PredictionLogStats {
  /** Appended and not yet packed into messages. */
  readonly bufferedRecords: number;
  /** Packed, waiting for a send or, after a failure, for their retry. */
  readonly queuedRecords: number;
  readonly inFlightRecords: number;
  /** All three: what the memory bound `maxBufferedRecords` applies to. */
  readonly heldRecords: number;
  readonly sentRecords: number;
  readonly droppedRecords: number;
  readonly sendCalls: number;
  readonly retries: number;
  readonly lastFailure?: string;
  /** Whether the latest send call failed (cleared by the next one that delivers): the queue is down or refusing. */
  readonly failing: boolean;
}

/** Why records were dropped: the `reason` label of `prediction_log_dropped_total`. */
export type DropReason = 'buffer_full' | 'retries_exhausted' | 'oversize' | 'drain_timeout' | 'internal_error';
