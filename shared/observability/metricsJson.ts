import { z } from 'zod';

/** One sample of `getMetricsAsJSON()`: a histogram's bucket, `_sum` and `_count` carry `metricName`. */
export const MetricSampleJsonSchema = z.object({
  value: z.number(),
  labels: z.record(z.string(), z.union([z.string(), z.number()])),
  metricName: z.string().optional(),
});

/** One metric of prom-client's `Registry.getMetricsAsJSON()`, the shape the functions push to the sidecar. */
export const MetricJsonSchema = z.object({
  name: z.string(),
  help: z.string(),
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']),
  values: z.array(MetricSampleJsonSchema),
  aggregator: z.string().optional(),
});
export type MetricJson = z.infer<typeof MetricJsonSchema>;

/** A push: the deltas of one container since its previous push. */
export const MetricsPushSchema = z.array(MetricJsonSchema).max(200);
export type MetricsPush = z.infer<typeof MetricsPushSchema>;
