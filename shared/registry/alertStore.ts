import type { ObjectStore } from '../ports/objectStore.js';
import { ReceivedAlertSchema, type ReceivedAlert } from './alertSchemas.js';
import { tryPut } from './compareAndSwap.js';
import { reportIdOf } from './ids.js';
import { alertDayPrefix, alertKey } from './keys.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';

/**
 * The alerts Alertmanager sent, one object each, key family
 * `alerts/date=YYYY-MM-DD/<receivedId>-<fingerprint>-<status>.json` (IfNoneMatch '*': a
 * notification repeated within the same millisecond is stored once). `recent` reads the days
 * it is asked for, newest first.
 */
export class AlertStore {
  constructor(private readonly store: ObjectStore) {}

  /** Stores `alert`; false when the same alert was already stored at that instant. */
  async record(alert: ReceivedAlert): Promise<boolean> {
    const body = parseArgument(ReceivedAlertSchema, alert, 'alert');
    const key = alertKey(reportIdOf(new Date(body.received_at)), body.fingerprint, body.status);
    return tryPut(this.store, key, toStoredJson(body), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE });
  }

  /** The newest `limit` alerts received on `days` (UTC dates, `YYYY-MM-DD`), newest first. */
  async recent(days: readonly string[], limit: number): Promise<ReceivedAlert[]> {
    const keys = (await Promise.all(days.map((day) => this.store.list(alertDayPrefix(day))))).flat();
    const newest = keys.sort().reverse().slice(0, limit);
    const objects = await Promise.all(newest.map(async (key) => ({ key, object: await this.store.get(key) })));
    return objects.flatMap(({ key, object }) => (object ? [parseStored(ReceivedAlertSchema, object.body, key)] : []));
  }
}
