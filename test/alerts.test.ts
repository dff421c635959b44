import { describe, expect, it } from 'vitest';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { HttpApiEventSchema } from '../shared/events/httpApiEvent.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { receiveAlerts, recentAlerts } from '../shared/lifecycle/receiveAlerts.js';
import { AlertmanagerWebhookSchema, type AlertmanagerWebhook } from '../shared/registry/alertSchemas.js';
import { AlertStore } from '../shared/registry/alertStore.js';
import { httpEvent } from './support/events.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';

/** A notification as Alertmanager 0.25 sends it (`endsAt` of a firing alert is the zero time). */
function webhook(status: 'firing' | 'resolved', fingerprint: string, name = 'AlmRollback'): AlertmanagerWebhook {
  return AlertmanagerWebhookSchema.parse({
    version: '4',
    status,
    receiver: 'alm-api',
    groupKey: '{}:{alertname="AlmRollback"}',
    alerts: [
      {
        status,
        labels: { alertname: name, severity: 'warning', trigger: 'manual' },
        annotations: { summary: 'Production was rolled back (trigger manual)' },
        startsAt: '2026-12-01T12:00:00.123456789Z',
        endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-12-01T12:15:00Z',
        generatorURL: 'http://127.0.0.1:9090/graph',
        fingerprint,
      },
    ],
  });
}

describe('alerts from Alertmanager', () => {
  it('stores every alert of a notification once, and lists the recent ones newest first', async () => {
    const clock = manualClock('2026-12-01T12:00:05.000Z');
    const ports = { alerts: new AlertStore(new MemoryObjectStore()), clock };
    expect(await receiveAlerts(ports, webhook('firing', '4e1c1f8c2b2a9d10'))).toEqual({ received: 1, stored: 1 });
    clock.advance(900_000);
    expect(await receiveAlerts(ports, webhook('resolved', '4e1c1f8c2b2a9d10'))).toEqual({ received: 1, stored: 1 });
    const recent = await recentAlerts(ports);
    expect(recent.map((a) => [a.status, a.name, a.ends_at])).toEqual([
      ['resolved', 'AlmRollback', '2026-12-01T12:15:00Z'],
      ['firing', 'AlmRollback', null],
    ]);
    expect(recent[1]).toMatchObject({ severity: 'warning', summary: 'Production was rolled back (trigger manual)', received_at: '2026-12-01T12:00:05.000Z', labels: { trigger: 'manual' } });
  });

  it('refuses a payload that is not Alertmanager webhook version 4, or a fingerprint that is not hexadecimal', () => {
    expect(AlertmanagerWebhookSchema.safeParse({ ...webhook('firing', 'ab'), version: '3' }).success).toBe(false);
    const traversal = AlertmanagerWebhookSchema.safeParse({ ...webhook('firing', 'ab'), alerts: [{ ...webhook('firing', 'ab').alerts[0], fingerprint: '../registry' }] });
    expect(traversal.success).toBe(false);
  });

  it('takes the admin key as a bearer token (what Alertmanager sends) as well as x-api-key', () => {
    const request = (headers: Record<string, string>) => HttpApiEventSchema.parse(httpEvent('POST', '/alerts', '{}', headers));
    expect(() => requireApiKey(request({ authorization: 'Bearer secret' }), 'secret')).not.toThrow();
    expect(() => requireApiKey(request({ authorization: 'Bearer wrong!' }), 'secret')).toThrow('invalid API key');
    let refused: unknown;
    try {
      requireApiKey(request({ authorization: 'Basic c2VjcmV0' }), 'secret');
    } catch (error) {
      refused = error;
    }
    expect(errorStatus(refused).http).toBe(401);
  });
});
