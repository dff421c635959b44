import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../local/processes.js';
import { startStack, type RunningStack } from '../local/startStack.js';
import { dataPath, dataRecords, readData, relabeledCsv } from './support/datasets.js';
import { dashboardQueries } from './support/dashboardQueries.js';
import { startHeadlessChromium } from './support/headlessChromium.js';
import { runCli, tempDir } from './support/runCli.js';
import { until } from './support/until.js';

const ROOT = join(import.meta.dirname, '..');
const KEY = 'observability-test-key';
const FAST_QUERY = '?candidates=linear&cv_folds=3';
const RECORDS = dataRecords('pima_indians_diabetes.csv', 0, 400);
/** The `target` of the same rows (dataRecords leaves the target out). */
const TARGETS = readData('pima_indians_diabetes.csv').trim().split('\n').slice(1, 401).map((row) => Number(row.split(',').at(-1)));

let stack: RunningStack;
let prometheusUrl: string;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, any> };
}

/** An instant query through Prometheus's HTTP API: the result vector. */
async function query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { status: string; error?: string; data: { resultType: string; result: any } };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.resultType === 'scalar' ? [{ metric: {}, value: body.data.result }] : body.data.result;
}

/** Predictions for rows `from` … `to − 1`, and ground truth for every other one. */
async function traffic(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 8) {
    const batch = RECORDS.slice(i, Math.min(i + 8, to));
    const answer = await api('POST', '/predict', { records: batch });
    expect(answer.status).toBe(200);
    const ids = (answer.json().predictions as Array<{ prediction_id: string }>).map((p) => p.prediction_id);
    const labels = ids.flatMap((prediction_id, j) => (j % 2 === 0 ? [{ prediction_id, actual: TARGETS[i + j] }] : []));
    const feedback = await api('POST', '/feedback', { records: labels });
    expect([feedback.status, feedback.text]).toEqual([200, expect.any(String)]);
  }
}

describe('observability on the stack: sidecar, Prometheus, Alertmanager, node-exporter, console', () => {
  beforeAll(async () => {
    process.env.ALM_API_KEY = KEY;
    delete process.env.AWS_ENDPOINT_URL;
    const [apiPort, lambdaPort, awsPort, metricsPort, prometheusPort, alertmanagerPort, nodeExporterPort] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
    stack = await startStack({
      apiPort,
      lambdaPort,
      awsPort,
      metricsPort,
      prometheusPort,
      alertmanagerPort,
      nodeExporterPort,
      bootstrapCsv: dataPath('pima_indians_diabetes.csv'),
      bootstrapQuery: FAST_QUERY,
      logDir: join(tempDir('alm-observability-'), 'logs'),
      log: () => {},
    });
    prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
    delete process.env.ALM_API_KEY;
  });

  it('starts Prometheus, Alertmanager and node-exporter from their Debian packages, and every target is up', async () => {
    // A missing binary fails here: apt-get install prometheus prometheus-alertmanager prometheus-node-exporter
    expect(stack.monitoring.map((s) => [s.name, s.state])).toEqual([
      ['node-exporter', 'started'],
      ['alertmanager', 'started'],
      ['prometheus', 'started'],
    ]);
    await traffic(0, 200);
    const targets = await until('every scrape target up', async () => {
      const body = (await (await fetch(`${prometheusUrl}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ labels: { job: string }; health: string }> } };
      const active = body.data.activeTargets;
      return active.length >= 2 && active.every((t) => t.health === 'up') ? active : undefined;
    });
    expect(targets.map((t) => t.labels.job).sort()).toEqual(['alm-sidecar', 'node']);
    const alertmanagers = (await (await fetch(`${prometheusUrl}/api/v1/alertmanagers`)).json()) as { data: { activeAlertmanagers: unknown[] } };
    expect(alertmanagers.data.activeAlertmanagers).toHaveLength(1);
    // A labeled counter's first scrape starts its series: rate() sees what comes after it.
    await until('predictions_total scraped', async () => ((await query('predictions_total')).length > 0 ? true : undefined));
  });

  it('serves the prediction rate, the p95 latency and the production version through Prometheus, and GET /metrics relays the sidecar', async () => {
    await traffic(200, 400);
    const rate = await until('a prediction rate', async () => {
      const [sample] = await query('sum(rate(predictions_total[1m]))');
      return sample && Number(sample.value[1]) > 0 ? Number(sample.value[1]) : undefined;
    });
    expect(rate).toBeGreaterThan(0);
    const [p95] = await query('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{route="/predict"}[1m])))');
    expect(Number(p95.value[1])).toBeGreaterThan(0);
    const version = await query('alm_production_model_info');
    expect(version.map((s) => [s.metric.model_version, s.value[1]])).toEqual([['v0001', '1']]);

    const exposition = await fetch(`${stack.apiUrl}/metrics`);
    expect(exposition.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await exposition.text()).toMatch(/^predictions_total\{model_version="v0001"\} \d+$/m);
  });

  it('makes the rollback alert fire for real: a rollback reaches Alertmanager and its webhook, and /status shows it', async () => {
    const drift = await api('POST', '/drift-check');
    expect(drift.status).toBe(200);
    // A second version, then back to the first by hand.
    const relabeled = relabeledCsv(readData('pima_indians_diabetes.csv'), (fields) => (Number(fields[1]) > 120 ? '1' : '0'));
    const ingest = await fetch(`${stack.apiUrl}/ingest${FAST_QUERY}`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-api-key': KEY }, body: relabeled });
    expect(ingest.status).toBe(202);
    const verdict = await until('v0002 judged', async () => {
      const status = (await api('GET', '/status')).json();
      return (status.candidates as Array<{ version: string; verdict: { decision: string } | null }>).find((c) => c.version === 'v0002')?.verdict ?? undefined;
    }, 120_000);
    if (verdict.decision !== 'promoted') expect((await api('POST', '/promote', { version: 'v0002', reason: 'observability test: promote by hand' })).status).toBe(200);
    const rolledBackAt = Date.now();
    const rollback = await api('POST', '/rollback', { reason: 'observability test: force the rollback alert' });
    expect([rollback.status, rollback.json().version]).toEqual([200, 'v0001']);

    const alert = await until('AlmRollback received by the API', async () => {
      const alerts = (await api('GET', '/status')).json().alerts as Array<{ name: string; status: string; labels: Record<string, string> }>;
      return alerts.find((a) => a.name === 'AlmRollback' && a.status === 'firing');
    }, 120_000);
    expect(alert.labels).toMatchObject({ alertname: 'AlmRollback', trigger: 'manual', severity: 'warning' });
    console.log(`rollback → AlmRollback received by POST /alerts: ${((Date.parse((alert as { received_at?: string }).received_at ?? '') - rolledBackAt) / 1000).toFixed(1)} s`);
    const firing = await query('ALERTS{alertname="AlmRollback", alertstate="firing"}');
    expect(firing).toHaveLength(1);
    const cli = runCli(['status'], { ALM_API_URL: stack.apiUrl });
    expect(cli.stdout).toMatch(/alerts \(newest first\):\n[\s\S]*firing\s+AlmRollback\s+warning\s+Production was rolled back/);
  }, 300_000);

  it('every Grafana panel query returns data from the real Prometheus', async () => {
    const queries = dashboardQueries(ROOT);
    expect(queries.length).toBeGreaterThan(30);
    const empty = await until('every panel query answered', async () => {
      const results = await Promise.all(queries.map(async (q) => ({ ...q, rows: (await query(q.expr)).length })));
      const missing = results.filter((r) => r.rows === 0);
      return missing.length === 0 ? missing : undefined;
    }, 90_000).catch(async () => {
      const results = await Promise.all(queries.map(async (q) => ({ ...q, rows: (await query(q.expr)).length })));
      return results.filter((r) => r.rows === 0);
    });
    expect(empty.map((q) => `${q.dashboard} / ${q.panel}: ${q.expr}`)).toEqual([]);
    console.log(`${queries.length} panel queries of ${new Set(queries.map((q) => q.dashboard)).size} dashboards, every one non-empty`);
  }, 150_000);

  it('GET /console shows the timeline, the drift results, the quality and the traffic, drawn in headless Chromium', async () => {
    const page = await fetch(`${stack.apiUrl}/console`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    const chromium = await startHeadlessChromium();
    try {
      const opened = await chromium.open(`${stack.apiUrl}/console`, 1200);
      const drawn = await opened.evaluate<{ events: number; kinds: string[]; polylines: number; scripts: number }>(`(() => ({
        events: document.querySelectorAll('.timeline-event').length,
        kinds: [...new Set([...document.querySelectorAll('.timeline-event')].map((e) => e.getAttribute('data-kind')))].sort(),
        polylines: [...document.querySelectorAll('svg.plot polyline')].filter((p) => p.getBBox().width > 0).length,
        scripts: document.querySelectorAll('script').length,
      }))()`);
      expect(drawn.kinds).toEqual(expect.arrayContaining(['promoted', 'registered', 'rolled_back']));
      expect(drawn.events).toBeGreaterThanOrEqual(5);
      expect(drawn.polylines).toBeGreaterThanOrEqual(1);
      expect(drawn.scripts).toBe(0);
      expect(opened.requests).toEqual([`${stack.apiUrl}/console`]);
      expect(opened.errors).toEqual([]);
      mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
      writeFileSync(join(ROOT, 'artifacts', 'console-live.png'), await opened.screenshot());
    } finally {
      await chromium.close();
    }
  });
});
