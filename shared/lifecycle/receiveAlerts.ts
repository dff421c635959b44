import type { Clock } from '../ports/clock.js';
import type { AlertmanagerWebhook, ReceivedAlert } from '../registry/alertSchemas.js';
import type { AlertStore } from '../registry/alertStore.js';

/** How many alerts `/status` and the console show, and from how many days back (today and yesterday, UTC). */
export const RECENT_ALERTS = { limit: 20, days: 2 } as const;

/**
 * `POST /alerts` (Alertmanager's webhook): every alert of the notification stored as it came,
 * stamped with the time it was received; answers how many were new.
 */
export async function receiveAlerts(ports: { readonly alerts: AlertStore; readonly clock: Clock }, webhook: AlertmanagerWebhook): Promise<{ received: number; stored: number }> {
  const received_at = ports.clock.now().toISOString();
  const stored = await Promise.all(
    webhook.alerts.map((alert) =>
      ports.alerts.record({
        received_at,
        status: alert.status,
        name: alert.labels.alertname ?? 'unnamed',
        severity: alert.labels.severity ?? null,
        summary: alert.annotations.summary ?? null,
        description: alert.annotations.description ?? null,
        starts_at: alert.startsAt,
        ends_at: alert.endsAt && !alert.endsAt.startsWith('0001-') ? alert.endsAt : null,
        fingerprint: alert.fingerprint,
        labels: alert.labels,
      }),
    ),
  );
  return { received: webhook.alerts.length, stored: stored.filter(Boolean).length };
}

/** The most recent alerts, newest first (`RECENT_ALERTS`). */
export function recentAlerts(ports: { readonly alerts: AlertStore; readonly clock: Clock }): Promise<ReceivedAlert[]> {
  const now = ports.clock.now().getTime();
  const days = Array.from({ length: RECENT_ALERTS.days }, (_, i) => new Date(now - i * 86_400_000).toISOString().slice(0, 10));
  return ports.alerts.recent(days, RECENT_ALERTS.limit);
}
