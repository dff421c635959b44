import { z } from 'zod';

/**
 * The scheduled event envelope (an EventBridge rule's `schedule:`, as serverless-offline also
 * fires it), recognised by `source: "aws.events"` and `detail-type: "Scheduled Event"`.
 */
export const ScheduledEventSchema = z.object({
  source: z.literal('aws.events'),
  'detail-type': z.literal('Scheduled Event'),
  time: z.string(),
});
export type ScheduledEvent = z.infer<typeof ScheduledEventSchema>;
