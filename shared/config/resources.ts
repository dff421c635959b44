import { z } from 'zod';
import raw from '../../config/resources.json' with { type: 'json' };

const QueueSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  dlq: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  visibilityTimeoutSeconds: z.number().int().positive(),
  maxReceiveCount: z.number().int().positive(),
});

/**
 * The one source of truth for resource names: `config/resources.json`. serverless.yml reads it
 * with `${file(...)}`, the LocalStack init hook and `npm start` read it too.
 */
export const ResourcesSchema = z.object({
  service: z.string(),
  region: z.string(),
  accountId: z.string().regex(/^\d{12}$/),
  bucket: z.string().regex(/^[a-z0-9.-]{3,63}$/),
  queues: z.object({ train: QueueSchema, promote: QueueSchema, predictions: QueueSchema }),
  /**
   * The train function's timeout. Below the train queue's visibility timeout, so a message comes
   * back only once its run is certainly over, and the run key's claim is then older than this.
   */
  trainTimeoutSeconds: z.number().int().positive(),
  /** `expression`: the schedule in AWS (and LocalStack); `offlineExpression`: under `npm start` (serverless-offline). */
  driftSchedule: z.object({ rule: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), expression: z.string(), offlineExpression: z.string() }),
  /** Local ports: the API, serverless-offline's lambda port, the AWS endpoint, the metrics sidecar, Prometheus, Alertmanager, node-exporter, Grafana (docker-compose). */
  ports: z.object({
    api: z.number().int(),
    lambda: z.number().int(),
    aws: z.number().int(),
    metrics: z.number().int(),
    prometheus: z.number().int(),
    alertmanager: z.number().int(),
    nodeExporter: z.number().int(),
    grafana: z.number().int(),
  }),
}).refine((r) => r.trainTimeoutSeconds < r.queues.train.visibilityTimeoutSeconds, {
  message: 'trainTimeoutSeconds must be below the train queue visibility timeout',
  path: ['trainTimeoutSeconds'],
});
export type Resources = z.infer<typeof ResourcesSchema>;
export type QueueResource = z.infer<typeof QueueSchema>;

export const RESOURCES: Resources = ResourcesSchema.parse(raw);
