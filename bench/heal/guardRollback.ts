/**
 * Step 3b, the post-promotion guard: force-promote a version (POST /promote with a reason), keep
 * light labeled traffic flowing, and watch GET /status until the production history's last event
 * is a rollback by the guard after that promotion. Reports the seconds from the promotion to the
 * rollback (the history's own times) and the guard's reason.
 */
import { isLambdaTimeout, type HealApi } from './api.js';
import { labeledTraffic, type TrafficCounts, type TrafficOptions } from './labeledTraffic.js';

export interface GuardResult {
  readonly promotedAt: number;
  /** undefined: no rollback by the guard within the traffic's time. */
  readonly rollback: { readonly seconds: number; readonly to: string; readonly reason: string } | undefined;
  readonly traffic: TrafficCounts;
  readonly lastEvent: string;
}

export async function guardRollback(api: HealApi, version: string, traffic: TrafficOptions, say: (line: string) => void): Promise<GuardResult> {
  const forced = await api.call('POST', '/promote', { version, reason: 'bench:heal: force-promoting a worse candidate to see the guard roll it back' });
  if (forced.status !== 200 || isLambdaTimeout(forced.json)) throw new Error(`POST /promote answered ${forced.status}: ${JSON.stringify(forced.json).slice(0, 300)}`);
  const sequence = forced.json.sequence as number;
  const promotedAt = Date.parse(forced.json.promoted_at);
  say(`forced ${version} into production (sequence ${sequence}, previous ${forced.json.previous}); light labeled traffic at ${traffic.rate} req/s until the guard acts (at most ${traffic.maxSeconds} s)`);
  let rollback: GuardResult['rollback'];
  let lastEvent = '';
  let stop = false;
  const watch = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, 2000));
      try {
        const status = await api.get('/status');
        const last = status.production?.history.at(-1);
        if (!last) continue;
        const text = `${last.kind} ${last.previous ?? 'none'} → ${last.version} by ${last.actor}`;
        if (text !== lastEvent) say(`production history: #${last.sequence} ${(lastEvent = text)}`);
        if (last.sequence > sequence && last.kind === 'rollback' && last.actor === 'guard') {
          rollback = { seconds: (Date.parse(last.at) - promotedAt) / 1000, to: last.version, reason: last.reason };
          stop = true;
        } else if (last.sequence > sequence) {
          stop = true; // production moved some other way: report it, stop the traffic
        }
      } catch {
        // the stack is busy: look again
      }
    }
  })();
  const counts = await labeledTraffic(api, traffic, () => stop);
  stop = true;
  await watch;
  return { promotedAt, rollback, traffic: counts, lastEvent };
}
