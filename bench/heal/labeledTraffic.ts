/**
 * Light labeled traffic for the guard step: `POST /predict` of one held-out row at `rate`
 * requests/s (at most `concurrency` in flight), in the world the simulation left (the same drift
 * applied, through alm simulate's own `resolveDrift`/`applyDrift`), and every second
 * `POST /feedback` with the correct labels of everything answered. Runs until `stopped()` or
 * `maxSeconds`; counts what it sent and what failed.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { applyDrift } from '../../shared/simulation/applyDrift.js';
import { parseDriftFlags, type DriftFlagTexts } from '../../shared/simulation/driftSpec.js';
import { recordAt, replayData } from '../../shared/simulation/replayData.js';
import { resolveDrift } from '../../shared/simulation/resolveDrift.js';
import { createRandom } from '../../shared/automl/util/random.js';
import type { HealApi } from './api.js';

export interface TrafficCounts {
  predictions: number;
  predictFailed: number;
  labels: number;
  feedbackFailed: number;
  served: Map<string, number>;
  firstFailure: string | undefined;
}

export interface TrafficOptions {
  readonly csv: string;
  readonly drift: DriftFlagTexts;
  readonly rate: number;
  readonly maxSeconds: number;
  readonly concurrency?: number;
  readonly seed?: number;
}

export async function labeledTraffic(api: HealApi, options: TrafficOptions, stopped: () => boolean): Promise<TrafficCounts> {
  const data = replayData(parseCsv(readFileSync(options.csv, 'utf8')));
  const drift = resolveDrift(data, parseDriftFlags(options.drift));
  const random = createRandom(options.seed ?? 7);
  const counts: TrafficCounts = { predictions: 0, predictFailed: 0, labels: 0, feedbackFailed: 0, served: new Map(), firstFailure: undefined };
  const pending: { prediction_id: string; actual: string | number }[] = [];
  const inFlight = new Set<Promise<void>>();
  const concurrency = options.concurrency ?? 8;
  const fail = (what: string, error: unknown) => void (counts.firstFailure ??= `${what}: ${error instanceof Error ? error.message : String(error)}`);

  const predictOne = async () => {
    const row = Math.floor(random() * data.rows);
    const { record, label } = applyDrift({ record: recordAt(data, row), label: data.target.labels[row] }, drift);
    try {
      const answer = await api.call('POST', '/predict', { records: [record] });
      if (answer.status !== 200) throw new Error(`status ${answer.status}`);
      counts.predictions++;
      const version = answer.json.model_version as string;
      counts.served.set(version, (counts.served.get(version) ?? 0) + 1);
      if (label !== null) pending.push({ prediction_id: answer.json.predictions[0].prediction_id, actual: label });
    } catch (error) {
      counts.predictFailed++;
      fail('POST /predict', error);
    }
  };
  const flush = async () => {
    const batch = pending.splice(0, pending.length);
    if (batch.length === 0) return;
    try {
      const answer = await api.call('POST', '/feedback', { records: batch });
      if (answer.status !== 200) throw new Error(`status ${answer.status}: ${JSON.stringify(answer.json).slice(0, 200)}`);
      counts.labels += batch.length;
    } catch (error) {
      counts.feedbackFailed++;
      fail('POST /feedback', error);
    }
  };

  const start = performance.now();
  let lastFlush = start;
  for (let k = 0; !stopped() && performance.now() - start < options.maxSeconds * 1000; k++) {
    const due = start + (k * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const request = predictOne().finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (performance.now() - lastFlush >= 1000) {
      lastFlush = performance.now();
      void flush();
    }
  }
  await Promise.all(inFlight);
  await flush();
  return counts;
}
