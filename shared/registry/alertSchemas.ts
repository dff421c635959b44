import { z } from 'zod';
import { AlertFingerprintSchema, TimestampSchema } from './ids.js';

const LabelSetSchema = z.record(z.string(), z.string());

/** One alert of an Alertmanager webhook notification (version 4), as Alertmanager 0.25 sends it. */
export const WebhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: LabelSetSchema,
  annotations: LabelSetSchema.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: AlertFingerprintSchema,
});

/** `POST /alerts`: Alertmanager's webhook payload (`version: "4"`), at most 100 alerts. */
export const AlertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupKey: z.string().optional(),
  alerts: z.array(WebhookAlertSchema).min(1).max(100),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhookSchema>;

/** `alerts/date=…/<id>.json`: one received alert, as `/status` and the console show it. */
export const ReceivedAlertSchema = z.object({
  received_at: TimestampSchema,
  status: z.enum(['firing', 'resolved']),
  name: z.string(),
  severity: z.string().nullable(),
  summary: z.string().nullable(),
  description: z.string().nullable(),
  starts_at: z.iso.datetime({ offset: true }),
  ends_at: z.iso.datetime({ offset: true }).nullable(),
  fingerprint: AlertFingerprintSchema,
  labels: LabelSetSchema,
});
export type ReceivedAlert = z.infer<typeof ReceivedAlertSchema>;
