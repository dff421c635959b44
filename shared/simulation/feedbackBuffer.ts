/** One ground-truth label as `POST /feedback` takes it. */
export interface FeedbackLabel {
  readonly prediction_id: string;
  readonly actual: string | number;
}

/** Most labels in one `POST /feedback` (the service's `ALM_MAX_RECORDS` default). */
export const FEEDBACK_BATCH_LIMIT = 1000;

/**
 * Labels waiting to be sent. The simulation adds the labels of each answered prediction chosen
 * for feedback, and sends what waits about once a second (and at the end) in batches of at most
 * `limit` labels, oldest first.
 */
export class FeedbackBuffer {
  private pending: FeedbackLabel[] = [];

  constructor(private readonly limit = FEEDBACK_BATCH_LIMIT) {}

  add(labels: readonly FeedbackLabel[]): void {
    this.pending.push(...labels);
  }

  get size(): number {
    return this.pending.length;
  }

  /** Everything waiting, in batches of at most `limit`, oldest first; the buffer is left empty. */
  takeBatches(): FeedbackLabel[][] {
    const batches: FeedbackLabel[][] = [];
    for (let i = 0; i < this.pending.length; i += this.limit) batches.push(this.pending.slice(i, i + this.limit));
    this.pending = [];
    return batches;
  }
}
