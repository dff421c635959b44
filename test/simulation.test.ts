import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { createRandom } from '../shared/automl/util/random.js';
import { RegistryStatusSchema, type RegistryStatus } from '../shared/lifecycle/registryStatus.js';
import { ServiceHealthSchema } from '../shared/lifecycle/serviceHealth.js';
import { systemClock } from '../shared/platform/systemClock.js';
import { DriftReportDocumentSchema, ReportListSchema, type DriftReportDocument } from '../shared/registry/schemas.js';
import { reportIdOf } from '../shared/registry/ids.js';
import { createPredictionIds } from '../shared/serving/predictionId.js';
import { PredictResponseSchema } from '../shared/serving/predictionOutput.js';
import { applyDrift } from '../shared/simulation/applyDrift.js';
import { NO_DRIFT, parseDriftFlags, type DriftSpec } from '../shared/simulation/driftSpec.js';
import { FeedbackBuffer } from '../shared/simulation/feedbackBuffer.js';
import { pace } from '../shared/simulation/pacer.js';
import { recordAt, replayData, type ReplayData } from '../shared/simulation/replayData.js';
import { resolveDrift } from '../shared/simulation/resolveDrift.js';
import { parseSimulationOptions } from '../shared/simulation/simulationOptions.js';
import { onsetToFirst, SimulationSummarySchema } from '../shared/simulation/simulationSummary.js';
import { advanceTimeline, initialTimeline, unseenReports, type ObservedStatus, type Observation } from '../shared/simulation/timeline.js';
import { formatTimelineEvent } from '../shared/simulation/timelineEvent.js';
import { trafficPlan, type PlannedRequest } from '../shared/simulation/trafficPlan.js';
import { driftResult, driftedColumn } from './support/driftFixtures.js';
import { runCli, writeTemp } from './support/runCli.js';

/** x uniform on [0, 10), y on [0, 1), a 3-level color (red 50 %, green 30 %, blue 20 %), a 0/1 label (1 when x > 7). */
function csv(n: number, seed = 5): string {
  const random = createRandom(seed);
  const lines = ['x,y,color,label'];
  for (let i = 0; i < n; i++) {
    const x = Number((random() * 10).toFixed(3));
    const u = random();
    const color = u < 0.5 ? 'red' : u < 0.8 ? 'green' : 'blue';
    lines.push(`${x},${i % 10 === 0 ? '' : Number(random().toFixed(3))},${color},${x > 7 ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

const data = replayData(parseCsv(csv(1000)));
const drifted = (spec: Partial<DriftSpec>) => resolveDrift(data, { ...NO_DRIFT, ...spec });
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('replay data', () => {
  it('takes the last column as target, numbers as numbers, missing as null, and the engine\'s positive class', () => {
    expect(data.target).toMatchObject({ name: 'label', classes: [0, 1], positive: 1 });
    expect(data.features.map((c) => [c.name, c.numeric])).toEqual([['x', true], ['y', true], ['color', false]]);
    expect(recordAt(data, 0)).toEqual({ x: expect.any(Number), y: null, color: expect.any(String) });
    const text = replayData(parseCsv('a,b,label\n1,u,yes\n2,v,no\n'), 'label');
    expect(text.target).toMatchObject({ classes: ['no', 'yes'], positive: 'yes', labels: ['yes', 'no'] });
    expect(() => replayData(parseCsv('a,b\n1,2\n'), 'c')).toThrow("--target: no column 'c' in the CSV (columns: a, b)");
  });
});

describe('drift flags', () => {
  it('parses every form', () => {
    expect(parseDriftFlags({ shift: ['x=2.5', 'y=-1.5std'], scale: ['x=0.5'], frequencies: ['color=red:0.1,blue:3'], relabel: ['y>0.9'] })).toEqual({
      shift: [{ feature: 'x', amount: 2.5, unit: 'value' }, { feature: 'y', amount: -1.5, unit: 'std' }],
      scale: [{ feature: 'x', factor: 0.5 }],
      frequencies: [{ feature: 'color', weights: { red: 0.1, blue: 3 } }],
      relabel: [{ feature: 'y', threshold: 0.9 }],
    });
  });

  it.each([
    [{ shift: ['x'] }, "--shift 'x': expected <feature>=<delta> or <feature>=<k>std"],
    [{ shift: ['x=abc'] }, "--shift 'x=abc': expected"],
    [{ scale: ['x=Infinity'] }, "--scale 'x=Infinity'"],
    [{ frequencies: ['color=red'] }, "--frequencies 'color=red'"],
    [{ frequencies: ['color=red:-1'] }, 'each weight a number ≥ 0'],
    [{ relabel: ['y=3'] }, "--relabel 'y=3': expected <feature>><threshold>"],
  ])('%j is a one-line usage error', (texts, message) => {
    expect(() => parseDriftFlags(texts)).toThrow(message);
  });

  it('checks features against the CSV', () => {
    expect(() => drifted({ shift: [{ feature: 'color', amount: 1, unit: 'value' }] })).toThrow("--shift: 'color' is not numeric");
    expect(() => drifted({ scale: [{ feature: 'nope', factor: 2 }] })).toThrow("--scale: 'nope' is not a column of the CSV (features: x, y, color)");
    expect(() => drifted({ shift: [{ feature: 'label', amount: 1, unit: 'value' }] })).toThrow("'label' is the target");
    const multiclass = replayData(parseCsv('a,label\n1,p\n2,q\n3,r\n'));
    expect(() => resolveDrift(multiclass, { ...NO_DRIFT, relabel: [{ feature: 'a', threshold: 1 }] })).toThrow("--relabel needs a binary target; 'label' has 3 classes");
  });
});

describe('applyDrift', () => {
  const input = { record: { x: 6.6, y: null, color: 'red' }, label: 0 };

  it('shift adds the delta (rounded to 12 digits), leaves missing and other features alone, and does not change its input', () => {
    const out = applyDrift(input, drifted({ shift: [{ feature: 'x', amount: 0.3, unit: 'value' }, { feature: 'y', amount: 1, unit: 'value' }] }));
    expect(out).toEqual({ record: { x: 6.9, y: null, color: 'red' }, label: 0 });
    expect(input.record.x).toBe(6.6);
  });

  it('a std shift moves by k × the population std of the CSV column', () => {
    const xs = data.features[0].values as number[];
    const std = Math.sqrt(mean(xs.map((v) => (v - mean(xs)) ** 2)));
    const resolved = drifted({ shift: [{ feature: 'x', amount: 2, unit: 'std' }] });
    expect(resolved.transforms[0].delta).toBeCloseTo(2 * std, 10);
    expect(std).toBeGreaterThan(2.7);
    expect(applyDrift(input, resolved).record.x).toBeCloseTo(6.6 + 2 * std, 9);
    expect(resolved.descriptions).toEqual([`shift x +${Number((2 * std).toPrecision(4))} (+2 std)`]);
  });

  it('scale multiplies, and on one feature every scale comes before every shift', () => {
    expect(applyDrift(input, drifted({ scale: [{ feature: 'x', factor: 2 }] })).record.x).toBe(13.2);
    const both = drifted({ shift: [{ feature: 'x', amount: 1, unit: 'value' }], scale: [{ feature: 'x', factor: 10 }] });
    expect(both.transforms).toEqual([{ feature: 'x', factor: 10, delta: 1 }]);
    expect(applyDrift(input, both).record.x).toBe(67);
  });

  it('relabel makes the label positive above the threshold, on the values as sent; positives and missing labels stay', () => {
    const rule = drifted({ relabel: [{ feature: 'x', threshold: 5 }] });
    expect(applyDrift(input, rule).label).toBe(1);
    expect(applyDrift({ ...input, record: { ...input.record, x: 4 } }, rule).label).toBe(0);
    expect(applyDrift({ ...input, record: { ...input.record, x: 4 } , label: 1 }, rule).label).toBe(1);
    expect(applyDrift({ ...input, label: null }, rule).label).toBeNull();
    const shiftedThenRelabeled = drifted({ shift: [{ feature: 'x', amount: -2, unit: 'value' }], relabel: [{ feature: 'x', threshold: 5 }] });
    expect(applyDrift(input, shiftedThenRelabeled)).toEqual({ record: { x: 4.6, y: null, color: 'red' }, label: 0 });
  });

  it('frequencies: rows are drawn so named categories get their weights, unnamed ones weigh their CSV share', () => {
    const resolved = drifted({ frequencies: [{ feature: 'color', weights: { blue: 2, red: 0 } }] });
    const shares = Object.fromEntries(resolved.rowWeights!.shares.map((s) => [s.category, s]));
    const green = data.features[2].values.filter((v) => v === 'green').length / data.rows;
    expect(shares.blue.after).toBeCloseTo(2 / (2 + green), 10);
    expect(shares.red.after).toBe(0);
    const plan = trafficPlan({ rows: data.rows, rate: 100, batch: 10, stationarySeconds: 0, driftedSeconds: 10, feedbackShare: 0, seed: 1, driftedRowWeights: resolved.rowWeights!.weights });
    const colors = [...plan.requests()].flatMap((r) => r.rows.map((row) => recordAt(data, row).color));
    const share = (c: string) => colors.filter((v) => v === c).length / colors.length;
    expect(share('red')).toBe(0);
    expect(share('blue')).toBeCloseTo(shares.blue.after, 1);
    expect(share('green')).toBeCloseTo(green / (2 + green), 1);
    expect(() => drifted({ frequencies: [{ feature: 'color', weights: { purple: 1 } }] })).toThrow("--frequencies: 'color' has no category 'purple' in the CSV");
    expect(() => drifted({ frequencies: [{ feature: 'color', weights: { red: 0, green: 0, blue: 0 } }] })).toThrow('leave no row to send');
  });
});

describe('trafficPlan', () => {
  const options = { rows: 1000, rate: 20, batch: 3, stationarySeconds: 2, driftedSeconds: 3, feedbackShare: 0.5, seed: 9 };
  const requests = (o = options) => [...trafficPlan(o).requests()];

  it('is deterministic for a seed; another seed draws other rows', () => {
    expect(requests()).toEqual(requests());
    expect(requests({ ...options, seed: 10 }).map((r) => r.rows)).not.toEqual(requests().map((r) => r.rows));
  });

  it('paces rate × duration requests, the drifted phase from exactly the onset on', () => {
    const plan = trafficPlan(options);
    const all = requests();
    expect([plan.total, plan.stationaryRequests, plan.driftedRequests, plan.onset]).toEqual([100, 40, 60, 2]);
    expect(all.map((r) => r.at).slice(38, 42)).toEqual([1.9, 1.95, 2, 2.05]);
    expect(all.filter((r) => r.phase === 'drifted')[0].index).toBe(40);
    expect(all.every((r) => r.rows.length === 3 && r.rows.every((row) => row >= 0 && row < 1000))).toBe(true);
  });

  it('gives feedback to about the share asked, without changing the rows', () => {
    const many = requests({ ...options, rate: 1000 });
    const flags = many.flatMap((r) => r.feedback);
    expect(mean(flags.map(Number))).toBeCloseTo(0.5, 1);
    expect(requests({ ...options, feedbackShare: 0.1 }).map((r) => r.rows)).toEqual(requests().map((r) => r.rows));
  });
});

describe('pace', () => {
  it('starts each item at its due time, never more than the concurrency in flight, late when slots are full', async () => {
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const starts: [number, number][] = [];
    let inFlight = 0;
    let most = 0;
    const items = [0, 0.1, 0.2, 0.3, 0.4].map((at) => ({ at }));
    await pace(items, {
      startMs: 1000,
      concurrency: 2,
      clock,
      send: async (item, lag) => {
        starts.push([now, lag]);
        most = Math.max(most, ++inFlight);
        await clock.sleep(250);
        inFlight--;
      },
    });
    expect(most).toBeLessThanOrEqual(2);
    expect(starts[0]).toEqual([1000, 0]);
    expect(starts.map(([at]) => at)).toEqual([...starts.map(([at]) => at)].sort((a, b) => a - b));
    expect(starts.every(([at], i) => at >= 1000 + items[i].at * 1000)).toBe(true);
  });
});

describe('FeedbackBuffer', () => {
  it('hands out what waits in batches of at most the limit, oldest first, and empties', () => {
    const buffer = new FeedbackBuffer(2);
    buffer.add([1, 2, 3].map((n) => ({ prediction_id: `p${n}`, actual: n })));
    expect(buffer.takeBatches().map((b) => b.map((l) => l.actual))).toEqual([[1, 2], [3]]);
    expect(buffer.size).toBe(0);
  });
});

describe('timeline', () => {
  const T0 = Date.parse('2026-12-01T11:00:00.000Z');
  const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
  const clock = { startedAt: T0, onsetAt: T0 + 60_000 };
  const history = (versions: [string, string][]) =>
    versions.map(([version, kind], i) => ({ sequence: i + 1, version, previous: i === 0 ? null : versions[i - 1][0], at: iso(i === 0 ? -100 : 80 + i * 10), reason: `${kind} ${version}`, actor: 'alm', kind }));
  const status = (versions: [string, string][], candidates: ObservedStatus['candidates']): ObservedStatus => {
    const h = history(versions);
    return { production: { version: h.at(-1)!.version, sequence: h.length, history: h }, candidates };
  };
  const v1 = { version: 'v0001', complete: true, created_at: iso(-200), verdict: { decision: 'promoted', reason: 'first', primary_metric: 'roc_auc', candidate_score: 0.88, production_version: null, production_score: null, decided_at: iso(-150) } };
  const v2Training = { version: 'v0002', complete: false, created_at: null, verdict: null };
  const v2 = { version: 'v0002', complete: true, created_at: iso(90), verdict: { decision: 'promoted', reason: 'better', primary_metric: 'roc_auc', candidate_score: 0.91, production_version: 'v0001', production_score: 0.88, decided_at: iso(92) } };
  const report = { id: '20261201T110102100Z', generated_at: iso(62.1), model_version: 'v0001', decision: { action: 'retrain', reasons: ["top-3 feature 'x' drifted (ks p 0.001)"], train_requested: true } };
  const looks: Observation[] = [
    { observed_at: T0 - 1000, status: status([['v0001', 'promote']], [v1]), health_version: 'v0001' },
    { observed_at: T0 + 30_000, status: status([['v0001', 'promote']], [v1]), served: [{ version: 'v0001', count: 100, first_at: T0 + 10 }] },
    { observed_at: T0 + 65_000, status: status([['v0001', 'promote']], [v2Training, v1]), reports: [report], served: [{ version: 'v0001', count: 50, first_at: T0 + 30_010 }] },
    { observed_at: T0 + 95_000, status: status([['v0001', 'promote'], ['v0002', 'promote']], [v2, v1]), served: [{ version: 'v0001', count: 5, first_at: T0 + 65_000 }, { version: 'v0002', count: 2, first_at: T0 + 94_000 }] },
    { observed_at: T0 + 100_000, served: [{ version: 'v0002', count: 40, first_at: T0 + 95_001 }], reports: [report] },
    { observed_at: T0 + 120_000, status: status([['v0001', 'promote'], ['v0002', 'promote'], ['v0001', 'rollback']], [v2, v1]), served: [] , health_version: 'v0001' },
  ];

  it('turns successive looks into events, timed by the server and clamped to [start, look]', () => {
    let state = initialTimeline(looks[0], ['20261201T105000000Z']);
    expect(state).toMatchObject({ served: 'v0001', sequence: 1 });
    expect(unseenReports(state, [report.id, '20261201T105000000Z'])).toEqual([report.id]);
    const lines: string[][] = [];
    const all = [];
    for (const look of looks.slice(1)) {
      const next = advanceTimeline(state, look, clock);
      state = next.state;
      all.push(...next.events);
      lines.push(next.events.map(formatTimelineEvent));
    }
    expect(lines).toEqual([
      [],
      ["+62.1s (onset +2.1s)  drift check 20261201T110102100Z: retrain — top-3 feature 'x' drifted (ks p 0.001)"],
      [
        '+90.0s (onset +30.0s)  candidate v0002 trained',
        '+90.0s (onset +30.0s)  production v0001 → v0002: promote v0002',
        '+92.0s (onset +32.0s)  verdict v0002 promoted: roc_auc 0.91 vs production 0.88',
      ],
      ['+94.0s (onset +34.0s)  /predict now serves v0002'],
      ['+100.0s (onset +40.0s)  rollback: production v0002 → v0001: rollback v0001', '+120.0s (onset +60.0s)  /predict now serves v0001'],
    ]);
    // The production change at 80 + 10 s = 90 s, seen at 95 s; the rollback at 100 s; the served change timed by the first v0002 answer.
    expect(onsetToFirst(all)).toEqual({ drift_check: 2.1, retrain: 2.1, candidate: 30, verdict: 32, promoted: 32, production: 30, rollback: 40, served: 34 });
  });
});

describe('simulation options', () => {
  it('defaults, and one line naming the flag and its range', () => {
    expect(parseSimulationOptions({})).toEqual({ rate: 50, batch: 1, stationary: 120, drifted: 240, feedback: 0.5, seed: 42, poll: 5, concurrency: 16 });
    expect(() => parseSimulationOptions({ feedback: '1.5' })).toThrow("--feedback must be a share from 0 to 1; got '1.5'");
    expect(() => parseSimulationOptions({ batch: '2.5' })).toThrow("--batch must be an integer from 1 to 1000; got '2.5'");
    expect(() => parseSimulationOptions({ stationary: '0', drifted: '0' })).toThrow('nothing to send');
  });
});

/** Runs `alm` without blocking this process (the fake server answers from it). */
function runCliAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [resolve(import.meta.dirname, '../bin/alm.js'), ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

interface FakeOptions {
  /** Answer this /predict request (1-based) with a 503. */
  readonly failPredict?: (n: number) => boolean;
}

/**
 * A fake stack on a free port: /predict answers with the production version, /feedback accepts,
 * /status, /reports, /reports/<id>.json and /health answer bodies checked by the API's own schemas.
 * The first record with x ≥ 20 (the injected shift) is the onset it sees: 300 ms later a drift
 * report asks for a retrain, 1 s later v0002 is trained, judged, promoted and served.
 */
async function fakeStack(options: FakeOptions = {}) {
  const newId = createPredictionIds(systemClock);
  const predicts: { at: number; records: Record<string, unknown>[] }[] = [];
  const labels: { prediction_id: string; actual: unknown }[] = [];
  const issued = new Set<string>();
  let onsetSeen: number | undefined;
  const after = (ms: number) => onsetSeen !== undefined && Date.now() >= onsetSeen + ms;
  const at = (ms: number) => new Date((onsetSeen ?? 0) + ms).toISOString();
  const production = () => (after(1000) ? 'v0002' : 'v0001');
  const metrics = (score: number) => ({
    task: 'binary' as const, n_classes: 2, candidate: 'linear' as const, primary_metric: 'roc_auc' as const,
    validation: { folds: 3, cv_mean: score, cv_std: 0.01 }, test: { roc_auc: score }, train_rows: 800, test_rows: 200,
  });
  const manifest = (version: string, created_at: string) => ({
    version, complete: true, created_at,
    metadata: { dataset_digest: 'd'.repeat(64), run_key: 'a'.repeat(64), candidate: 'linear' as const, primary_metric: 'roc_auc' as const, test_score: 0.9, cv_mean: 0.9, rows: 1000 },
  });
  const first = { sequence: 1, version: 'v0001', previous: null, at: '2026-01-01T00:00:00.000Z', reason: 'first model', actor: 'promote-queue', kind: 'promote' as const };
  const v1 = { ...manifest('v0001', '2026-01-01T00:00:00.000Z'), verdict: { decision: 'promoted' as const, reason: 'first model', version: 'v0001', primary_metric: 'roc_auc' as const, candidate_score: 0.9, production_version: null, production_score: null, decided_at: '2026-01-01T00:00:00.000Z' } };
  const status = (): RegistryStatus => {
    const history = after(1000) ? [first, { sequence: 2, version: 'v0002', previous: 'v0001', at: at(1000), reason: 'better: roc_auc 0.93 vs production 0.9', actor: 'promote-queue', kind: 'promote' as const }] : [first];
    const last = history.at(-1)!;
    const v2 = { ...manifest('v0002', at(950)), verdict: { ...v1.verdict, version: 'v0002', reason: 'better', candidate_score: 0.93, production_version: 'v0001', production_score: 0.9, decided_at: at(990) } };
    return RegistryStatusSchema.parse({
      production: { version: last.version, sequence: last.sequence, promoted_at: last.at, reason: last.reason, actor: last.actor, previous: last.previous, history, metrics: metrics(last.version === 'v0002' ? 0.93 : 0.9) },
      versions: after(1000) ? 2 : 1,
      candidates: after(1000) ? [v2, v1] : [v1],
      feedback: { window_hours: 24, predictions: predicts.length, labeled: labels.length, orphans: 0 },
      alerts: [],
    });
  };
  const reportId = () => reportIdOf(new Date(onsetSeen! + 300));
  const report = (): DriftReportDocument => {
    const window = { from: at(-3_600_000), to: at(300) };
    const result = driftResult({ x: driftedColumn(0.8), y: driftedColumn(0.02, { drift: false }) });
    const decision = { action: 'retrain' as const, reasons: ["top-3 feature 'x' drifted (wasserstein 0.8 ≥ 0.1)"], large_drift: true, consecutive_drifted_windows: 1, report_id: reportId(), decided_at: at(300), model_version: 'v0001', window, train_requested: true };
    return DriftReportDocumentSchema.parse({ id: reportId(), generated_at: at(300), model_version: 'v0001', window, reference_rows: 800, current_rows: 40, model_rows: 40, result, decision });
  };
  const routes: Record<string, (body: unknown) => [number, unknown]> = {
    'POST /predict': (body) => {
      const records = (body as { records: Record<string, unknown>[] }).records;
      predicts.push({ at: Date.now(), records });
      if (options.failPredict?.(predicts.length)) return [503, { error: 'ServiceUnavailable', message: 'try later' }];
      if (onsetSeen === undefined && records.some((r) => (r.x as number) >= 20)) onsetSeen = Date.now();
      const predictions = records.map(() => {
        const prediction_id = newId();
        issued.add(prediction_id);
        return { prediction_id, prediction: 0, probability: 0.2 };
      });
      return [200, PredictResponseSchema.parse({ model_version: production(), predictions, warnings: [] })];
    },
    'POST /feedback': (body) => {
      const records = (body as { records: { prediction_id: string; actual: unknown }[] }).records;
      labels.push(...records);
      return [200, { accepted: records.length }];
    },
    'GET /status': () => [200, status()],
    'GET /health': () => [200, ServiceHealthSchema.parse({ status: 'ok', model_version: production(), model_loaded_at: null, last_checked_at: null, last_reload_error: null })],
    'GET /reports': () => {
      const reports = after(300) ? [{ id: reportId(), html: `/reports/${reportId()}`, json: `/reports/${reportId()}.json` }] : [];
      return [200, ReportListSchema.parse({ latest: reports[0]?.id ?? null, reports })];
    },
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const key = `${request.method} ${request.url}`;
      const route = routes[key] ?? (after(300) && key === `GET /reports/${reportId()}.json` ? () => [200, report()] as [number, unknown] : undefined);
      const [code, body] = route ? route(text ? JSON.parse(text) : undefined) : [404, { error: 'RouteNotFound', message: key }];
      response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, predicts, labels, issued, close: () => new Promise((done) => server.close(done)) };
}

describe('alm simulate against a fake stack', () => {
  const dataCsv = writeTemp('data.csv', csv(200));

  it('replays stationary then shifted traffic at the rate, sends feedback for the share, and shows the served-version change', async () => {
    const stack = await fakeStack();
    try {
      const args = ['simulate', dataCsv, '--stationary', '2', '--drifted', '3', '--rate', '20', '--shift', 'x=20', '--feedback', '0.5', '--seed', '7', '--poll', '0.5', '--json'];
      const run = await runCliAsync(args, { ALM_API_URL: stack.url });
      expect(run.code, run.stderr).toBe(0);

      // rate × duration requests, spread over about the duration.
      expect(stack.predicts.length).toBeGreaterThanOrEqual(95);
      expect(stack.predicts.length).toBeLessThanOrEqual(105);
      const span = (stack.predicts.at(-1)!.at - stack.predicts[0].at) / 1000;
      expect(span).toBeGreaterThan(4.5);
      expect(span).toBeLessThan(6.5);

      // Before the onset x is as in the CSV ([0, 10)); from it on every record is shifted by 20.
      const isShifted = (p: { records: Record<string, unknown>[] }) => p.records.every((r) => (r.x as number) >= 20);
      const firstShifted = stack.predicts.findIndex(isShifted);
      expect(firstShifted).toBe(40);
      expect(stack.predicts.slice(0, firstShifted).every((p) => p.records.every((r) => (r.x as number) < 10))).toBe(true);
      expect(stack.predicts.slice(firstShifted).every(isShifted)).toBe(true);
      expect((stack.predicts[firstShifted].at - stack.predicts[0].at) / 1000).toBeGreaterThan(1.8);

      // Feedback for about half the predictions, each for an id the stack issued, in the target's type.
      const share = stack.labels.length / stack.predicts.length;
      expect(share).toBeGreaterThan(0.35);
      expect(share).toBeLessThan(0.65);
      expect(stack.labels.every((l) => stack.issued.has(l.prediction_id) && (l.actual === 0 || l.actual === 1))).toBe(true);

      // One JSON object on stdout; the timeline on stderr.
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
      const summary = SimulationSummarySchema.parse(JSON.parse(run.stdout));
      expect(summary.requests).toEqual({ planned: 100, sent: 100, ok: 100, failed: 0 });
      expect(summary.feedback).toMatchObject({ labels: stack.labels.length, accepted: stack.labels.length, failed: 0 });
      expect(Object.keys(summary.served).sort()).toEqual(['v0001', 'v0002']);
      expect(summary.drift).toEqual(['shift x +20']);
      expect(run.stderr).toMatch(/^\+2\.0s \(onset \+0\.0s\) {2}drift onset: shift x \+20$/m);
      expect(run.stderr).toMatch(/^\+\d+\.\ds \(onset \+0\.\ds\) {2}drift check \d{8}T\d{9}Z: retrain — top-3 feature 'x' drifted/m);
      expect(run.stderr).toMatch(/^\+\d+\.\ds \(onset \+\d\.\ds\) {2}candidate v0002 trained$/m);
      expect(run.stderr).toMatch(/verdict v0002 promoted: roc_auc 0\.93 vs production 0\.9$/m);
      expect(run.stderr).toMatch(/production v0001 → v0002: better/m);
      expect(run.stderr).toMatch(/^\+\d+\.\ds \(onset \+\d\.\ds\) {2}\/predict now serves v0002$/m);
      expect(summary.onset_to_first.served).toBeGreaterThan(0.9);
      expect(summary.onset_to_first.served).toBeLessThan(2.5);
      expect(summary.onset_to_first.retrain).toBeLessThan(1.5);
      expect(run.stderr).toMatch(/^done in \d+\.\ds: 100 of 100 requests sent, 100 ok, 0 failed/m);
    } finally {
      await stack.close();
    }
  });

  it('a failed request makes exit code 1, counted and named', async () => {
    const stack = await fakeStack({ failPredict: (n) => n % 5 === 0 });
    try {
      const run = await runCliAsync(['simulate', dataCsv, '--stationary', '1', '--drifted', '0', '--rate', '20', '--poll', '0.5'], { ALM_API_URL: stack.url });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toMatch(/^done in \d+\.\ds: 20 of 20 requests sent, 16 ok, 4 failed/m);
      expect(run.stderr).toMatch(/^alm: 4 request\(s\) failed; first: POST \/predict: POST \/predict failed with 503: try later$/m);
    } finally {
      await stack.close();
    }
  });

  it.each([
    [['--rate', '0'], /--rate must be a number of requests per second > 0/],
    [['--relabel', 'x>3', '--target', 'color'], /--relabel needs a binary target; 'color' has 3 classes/],
    [['--frequencies', 'color=purple:1'], /no category 'purple'/],
  ])('%j is exit 2 with one line', (extra, message) => {
    const run = runCli(['simulate', dataCsv, ...extra], { ALM_API_URL: 'http://127.0.0.1:9' });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('a bad CSV and an unreachable stack are exit 2 with one line', () => {
    const bad = runCli(['simulate', writeTemp('bad.csv', 'a,b\n1\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^alm: .*bad\.csv: /);
    const down = runCli(['simulate', dataCsv, '--stationary', '1', '--drifted', '0'], { ALM_API_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(2);
    expect(down.stderr.trim()).toBe('alm: cannot reach the API at http://127.0.0.1:9: is the stack running (npm start)?');
  });
});
