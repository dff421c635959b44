import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../local/projectRoot.js';
import { METRIC_CATALOG, metricDefinition, type MetricDefinition } from '../shared/ports/metricCatalog.js';
import {
  DASHBOARD_FILES,
  DASHBOARDS_DIR,
  dashboardQueries,
  type DashboardFile,
  type GrafanaDashboard,
  type GrafanaPanel,
  parseYaml,
  queryPanels,
  readDashboard,
} from './support/dashboardQueries.js';
import { tempDir } from './support/runCli.js';

const root = projectRoot();
const PROVISIONING = join(root, 'monitoring', 'grafana', 'provisioning');
const DATASOURCE = { type: 'prometheus', uid: 'alm-prometheus' };
const UIDS: Record<DashboardFile, string> = { 'service.json': 'alm-service', 'infrastructure.json': 'alm-infrastructure', 'model.json': 'alm-model' };
const dashboards = DASHBOARD_FILES.map((file) => ({ file, dashboard: readDashboard(root, file) }));
const queries = dashboardQueries(root);

// Panels where zero is the normal state and the series only exist once the event has happened
// (labelled counters whose label values the sidecar cannot know in advance, so cannot start at 0): the
// only ones allowed an `or vector(0)`.
const ZERO_WHEN_ABSENT = new Set(['Error rate (5xx share)', 'Unseen categories by feature']);

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);
const HISTOGRAM_PARTS = /_(bucket|sum|count)$/;

/** The expression without string literals, label matchers, ranges and grouping label lists. */
function skeleton(expr: string): string {
  return expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
}

/** Metric names an expression selects: identifiers that are neither functions nor keywords. */
function metricNames(expr: string): string[] {
  const names = [...skeleton(expr).matchAll(/(?<![\w:])[a-zA-Z_:][\w:]*(?![\w:])(?!\s*\()/g)].map((m) => m[0]);
  return [...new Set(names.filter((name) => !KEYWORDS.has(name.toLowerCase())))];
}

/** The catalog entry a series name belongs to (`x_bucket`, `x_sum`, `x_count` of histogram `x`). */
function catalogEntry(name: string): MetricDefinition | undefined {
  const direct = metricDefinition(name);
  if (direct) return direct;
  const base = metricDefinition(name.replace(HISTOGRAM_PARTS, ''));
  return base?.type === 'histogram' && HISTOGRAM_PARTS.test(name) ? base : undefined;
}

/** Label names an expression groups by or matches on, and those its legend uses. */
function labelNames(expr: string, legendFormat = ''): string[] {
  const stripped = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const grouping = [...stripped.matchAll(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g)].flatMap((m) => m[1].split(','));
  const matchers = [...stripped.matchAll(/\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((matcher) => matcher.split(/=~|!~|!=|=/)[0]));
  const legend = [...legendFormat.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1]);
  return [...new Set([...grouping, ...matchers, ...legend].map((label) => label.trim()).filter(Boolean))];
}

function targetsOf(panel: GrafanaPanel) {
  return panel.targets ?? [];
}

function panelTitled(dashboard: GrafanaDashboard, title: RegExp): GrafanaPanel {
  const matches = queryPanels(dashboard).filter((panel) => title.test(panel.title ?? ''));
  expect(matches.map((panel) => panel.title), `${dashboard.uid}: one panel titled ${title}`).toHaveLength(1);
  return matches[0];
}

describe('Grafana provisioning', () => {
  it('defines the one Prometheus datasource, uid alm-prometheus, on loopback, as the default', () => {
    const file = parseYaml(readFileSync(join(PROVISIONING, 'datasources', 'prometheus.yml'), 'utf8')) as {
      apiVersion: number;
      datasources: { uid: string; type: string; url: string; isDefault: boolean; access: string }[];
    };
    expect(file.apiVersion).toBe(1);
    expect(file.datasources).toHaveLength(1);
    expect(file.datasources[0]).toMatchObject({ uid: DATASOURCE.uid, type: 'prometheus', url: 'http://127.0.0.1:9090', isDefault: true, access: 'proxy' });
  });

  it('loads the dashboards from files into the automl-lifecycle-monitor folder', () => {
    const file = parseYaml(readFileSync(join(PROVISIONING, 'dashboards', 'alm.yml'), 'utf8')) as {
      apiVersion: number;
      providers: { type: string; folder: string; options: { path: string } }[];
    };
    expect(file.apiVersion).toBe(1);
    expect(file.providers).toHaveLength(1);
    expect(file.providers[0]).toMatchObject({ type: 'file', folder: 'automl-lifecycle-monitor', options: { path: '/var/lib/grafana/dashboards' } });
  });
});

describe.each(dashboards)('dashboard $file', ({ file, dashboard }) => {
  const panels = queryPanels(dashboard);

  it('has its uid and the common settings (schema 39, refresh 10s, last 30 minutes, no variables)', () => {
    expect(dashboard.uid).toBe(UIDS[file]);
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.schemaVersion).toBe(39);
    expect(dashboard.refresh).toBe('10s');
    expect(dashboard.time).toEqual({ from: 'now-30m', to: 'now' });
    expect(dashboard.templating?.list ?? []).toEqual([]);
  });

  it('has timeseries and stat panels with unique ids, titles and non-overlapping positions on the 24-column grid', () => {
    expect(panels.length).toBeGreaterThan(0);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    expect(new Set(panels.map((panel) => panel.title)).size).toBe(panels.length);
    for (const panel of panels) {
      expect(['timeseries', 'stat'], panel.title).toContain(panel.type);
      expect(panel.title, `panel ${panel.id}`).toBeTruthy();
      const pos = panel.gridPos;
      expect(pos, panel.title).toBeDefined();
      if (!pos) continue;
      for (const n of [pos.x, pos.y, pos.w, pos.h]) expect(Number.isInteger(n) && n >= 0, `${panel.title}: ${JSON.stringify(pos)}`).toBe(true);
      expect(pos.w > 0 && pos.h > 0 && pos.x + pos.w <= 24, `${panel.title}: ${JSON.stringify(pos)}`).toBe(true);
    }
    const overlap = (a: GrafanaPanel, b: GrafanaPanel) =>
      a.gridPos!.x < b.gridPos!.x + b.gridPos!.w && b.gridPos!.x < a.gridPos!.x + a.gridPos!.w && a.gridPos!.y < b.gridPos!.y + b.gridPos!.h && b.gridPos!.y < a.gridPos!.y + a.gridPos!.h;
    for (const [i, a] of panels.entries()) for (const b of panels.slice(i + 1)) expect(overlap(a, b), `${a.title} overlaps ${b.title}`).toBe(false);
  });

  it('queries the provisioned datasource on every panel and target, with a non-empty expression free of Grafana variables', () => {
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual(DATASOURCE);
      expect(targetsOf(panel).length, `${panel.title}: targets`).toBeGreaterThan(0);
      expect(new Set(targetsOf(panel).map((target) => target.refId)).size, `${panel.title}: refIds`).toBe(targetsOf(panel).length);
      for (const target of targetsOf(panel)) {
        expect(target.datasource, `${panel.title} ${target.refId}`).toEqual(DATASOURCE);
        expect(target.hide ?? false, `${panel.title} ${target.refId}`).toBe(false);
        expect((target.expr ?? '').trim(), `${panel.title} ${target.refId}: expr`).not.toBe('');
        expect(target.expr, `${panel.title}: Grafana variables and macros cannot run against Prometheus's API`).not.toContain('$');
      }
    }
  });

  it('selects only catalog metrics (histogram series by their histogram), node-exporter metrics and up', () => {
    for (const panel of panels)
      for (const target of targetsOf(panel)) {
        const names = metricNames(target.expr ?? '');
        expect(names.length, `${panel.title}: ${target.expr}`).toBeGreaterThan(0);
        for (const name of names)
          expect(catalogEntry(name) !== undefined || name.startsWith('node_') || name === 'up', `${panel.title}: ${name} in ${target.expr}`).toBe(true);
      }
  });

  it('takes rate() or increase() of counters and histogram series only, and never of gauges', () => {
    for (const panel of panels)
      for (const target of targetsOf(panel)) {
        const text = skeleton(target.expr ?? '');
        for (const name of metricNames(target.expr ?? '')) {
          const entry = catalogEntry(name);
          if (!entry) continue;
          const cumulative = entry.type === 'counter' || (entry.type === 'histogram' && HISTOGRAM_PARTS.test(name));
          for (const m of text.matchAll(new RegExp(`(?<![\\w:])${name}(?![\\w:])`, 'g'))) {
            const inRate = /\b(rate|increase)\(\s*$/.test(text.slice(0, m.index));
            expect(inRate, `${panel.title}: ${name} (${entry.type}) in ${target.expr}`).toBe(cumulative);
          }
        }
      }
  });

  it("groups, matches and labels legends by labels of the catalog metrics it selects", () => {
    for (const panel of panels)
      for (const target of targetsOf(panel)) {
        const entries = metricNames(target.expr ?? '').map(catalogEntry);
        if (entries.some((entry) => entry === undefined)) continue; // node-exporter and up: not in the catalog
        const known = new Set(['job', 'instance', ...entries.flatMap((entry) => [...entry!.labels, ...(entry!.type === 'histogram' ? ['le'] : [])])]);
        for (const label of labelNames(target.expr ?? '', target.legendFormat)) expect(known.has(label), `${panel.title}: label ${label} in ${target.expr}`).toBe(true);
      }
  });

  it('falls back to vector(0) only where zero is the normal state and the series are absent until an event', () => {
    for (const panel of panels)
      for (const target of targetsOf(panel))
        if (/vector\s*\(/.test(target.expr ?? '')) expect(ZERO_WHEN_ABSENT.has(panel.title ?? ''), `${panel.title}: ${target.expr}`).toBe(true);
  });
});

describe('dashboard topics', () => {
  const byUid = Object.fromEntries(dashboards.map(({ dashboard }) => [dashboard.uid, dashboard])) as Record<string, GrafanaDashboard>;
  const exprs = (panel: GrafanaPanel) => targetsOf(panel).map((target) => target.expr ?? '').join('\n');
  const topics: [uid: string, title: RegExp, mustContain: (string | RegExp)[]][] = [
    ['alm-service', /throughput/i, ['rate(http_requests_total[1m])', 'by (route)']],
    ['alm-service', /p95 latency/i, ['histogram_quantile(0.95', 'http_request_duration_seconds_bucket', /by \(le, route\)/]],
    ['alm-service', /error rate/i, ['status=~"5.."', 'sum(rate(http_requests_total[1m]))']],
    ['alm-service', /prediction volume/i, ['predictions_total', 'by (model_version)']],
    ['alm-service', /unseen categories/i, ['unseen_categories_total']],
    ['alm-service', /prediction log: sends/i, ['prediction_log_sends_total']],
    ['alm-service', /prediction log: failures and drops/i, ['prediction_log_send_failures_total', 'prediction_log_dropped_total']],
    ['alm-infrastructure', /cpu/i, ['node_cpu_seconds_total{mode="idle"}']],
    ['alm-infrastructure', /memory/i, ['node_memory_MemAvailable_bytes', 'node_memory_MemTotal_bytes']],
    ['alm-infrastructure', /disk io/i, ['node_disk_read_bytes_total', 'node_disk_written_bytes_total']],
    ['alm-infrastructure', /network/i, ['node_network_receive_bytes_total', 'node_network_transmit_bytes_total']],
    ['alm-infrastructure', /load/i, ['node_load1', 'node_load5', 'node_load15']],
    ['alm-infrastructure', /filesystem/i, ['node_filesystem_avail_bytes', 'node_filesystem_size_bytes']],
    ['alm-model', /served version/i, ['alm_production_model_info']],
    ['alm-model', /drift score per feature/i, ['alm_drift_feature_score']],
    ['alm-model', /dataset drift share/i, ['alm_drift_dataset_share']],
    ['alm-model', /decisions/i, ['alm_drift_checks_total', 'by (action)']],
    ['alm-model', /live quality/i, ['alm_live_quality']],
    ['alm-model', /retrains and promotions/i, ['alm_retrains_total', 'alm_promotions_total', 'alm_rejections_total', 'alm_rollbacks_total']],
    ['alm-model', /training duration p95/i, ['histogram_quantile(0.95', 'alm_training_duration_seconds_bucket']],
    ['alm-model', /queue depths/i, ['alm_queue_messages']],
    ['alm-model', /model reloads/i, ['alm_model_reloads_total']],
  ];

  it.each(topics)('%s has a panel %s on its metrics', (uid, title, mustContain) => {
    const text = exprs(panelTitled(byUid[uid], title));
    for (const part of mustContain) expect(text).toMatch(typeof part === 'string' ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : part);
  });

  it('shows the served version as a stat named by its model_version label', () => {
    const panel = panelTitled(byUid['alm-model'], /served version/i);
    expect(panel.type).toBe('stat');
    expect(targetsOf(panel)[0].legendFormat).toBe('{{model_version}}');
  });

  it('covers every metric of the catalog on some dashboard', () => {
    const all = queries.flatMap((query) => metricNames(query.expr)).map((name) => name.replace(HISTOGRAM_PARTS, ''));
    const unused = Object.keys(METRIC_CATALOG).filter((name) => !all.includes(name));
    // Not charted: the prediction distribution, per-feature drift flags (the scores are), the live
    // quality drop (live quality is) and the buffer high-water mark.
    expect(unused.sort()).toEqual(['alm_drift_feature_drifted', 'alm_live_quality_drop', 'alm_prediction_log_buffer_peak', 'prediction_value'].sort());
  });
});

describe('dashboardQueries', () => {
  it('lists every target of every panel of the three dashboards, by dashboard uid and panel title', () => {
    const expected = dashboards.flatMap(({ dashboard }) => queryPanels(dashboard).flatMap((panel) => targetsOf(panel).map(() => dashboard.uid)));
    expect(queries.map((query) => query.dashboard)).toEqual(expected);
    expect(new Set(queries.map((query) => query.dashboard))).toEqual(new Set(Object.values(UIDS)));
    expect(queries).toContainEqual({ dashboard: 'alm-service', panel: 'Throughput by route', expr: 'sum by (route) (rate(http_requests_total[1m]))' });
  });

  it('walks the panels of collapsed rows', () => {
    const dir = tempDir('alm-dashboards-');
    mkdirSync(join(dir, DASHBOARDS_DIR), { recursive: true });
    const panel = (title: string, expr: string) => ({ type: 'timeseries', title, targets: [{ refId: 'A', expr }] });
    for (const file of DASHBOARD_FILES)
      writeFileSync(
        join(dir, DASHBOARDS_DIR, file),
        JSON.stringify({
          uid: `u-${file}`,
          panels: [panel('top', 'up'), { type: 'row', title: 'open row', panels: [] }, { type: 'row', title: 'closed', collapsed: true, panels: [panel('inner', 'node_load1')] }],
        }),
      );
    expect(dashboardQueries(dir).filter((query) => query.dashboard === 'u-model.json')).toEqual([
      { dashboard: 'u-model.json', panel: 'top', expr: 'up' },
      { dashboard: 'u-model.json', panel: 'inner', expr: 'node_load1' },
    ]);
  });
});
