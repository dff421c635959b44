import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import { FeedbackCountsSchema, type FeedbackTally } from '../serving/feedbackTally.js';

/** How far back `/status` joins predictions and labels. */
export const FEEDBACK_STATUS_HOURS = 24;

/**
 * The ground truth at a glance, for `/status`: over the last `FEEDBACK_STATUS_HOURS` of
 * prediction time, the predictions logged, those labeled, and the orphan labels (labels whose
 * prediction_id matches no logged prediction), as the join counts them. Counted by the
 * container's `FeedbackTally`, which reads each batch object once.
 */
export const FeedbackStatusSchema = z.object({ window_hours: z.number().int().positive() }).extend(FeedbackCountsSchema.shape);
export type FeedbackStatus = z.infer<typeof FeedbackStatusSchema>;

export async function feedbackStatus(tally: FeedbackTally, clock: Clock): Promise<FeedbackStatus> {
  const to = clock.now();
  const from = new Date(to.getTime() - FEEDBACK_STATUS_HOURS * 3_600_000);
  return { window_hours: FEEDBACK_STATUS_HOURS, ...(await tally.count({ from, to: new Date(to.getTime() + 1) })) };
}
