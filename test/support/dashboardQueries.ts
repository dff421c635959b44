import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where the Grafana dashboards live, relative to the project root. */
export const DASHBOARDS_DIR = join('monitoring', 'grafana', 'dashboards');

/** The three dashboards Grafana provisions, by file name in `DASHBOARDS_DIR`. */
export const DASHBOARD_FILES = ['service.json', 'infrastructure.json', 'model.json'] as const;
export type DashboardFile = (typeof DASHBOARD_FILES)[number];

/** What the tests read of Grafana's dashboard JSON (the rest is passed through untyped). */
export interface GrafanaDatasourceRef {
  readonly type?: string;
  readonly uid?: string;
}
export interface GrafanaTarget {
  readonly refId?: string;
  readonly datasource?: GrafanaDatasourceRef;
  readonly expr?: string;
  readonly legendFormat?: string;
  readonly hide?: boolean;
}
export interface GrafanaPanel {
  readonly id?: number;
  readonly type: string;
  readonly title?: string;
  readonly gridPos?: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource?: GrafanaDatasourceRef;
  readonly targets?: readonly GrafanaTarget[];
  /** A row's panels when the row is collapsed (an open row's panels follow it at the top level). */
  readonly panels?: readonly GrafanaPanel[];
}
export interface GrafanaDashboard {
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly refresh?: string;
  readonly time?: { readonly from: string; readonly to: string };
  readonly templating?: { readonly list: readonly unknown[] };
  readonly panels: readonly GrafanaPanel[];
}

/** One dashboard file, parsed. */
export function readDashboard(root: string, file: DashboardFile): GrafanaDashboard {
  return JSON.parse(readFileSync(join(root, DASHBOARDS_DIR, file), 'utf8')) as GrafanaDashboard;
}

/** Every panel of a dashboard, those of collapsed rows included, rows themselves included. */
export function allPanels(dashboard: Pick<GrafanaDashboard, 'panels'>): GrafanaPanel[] {
  const walk = (panels: readonly GrafanaPanel[]): GrafanaPanel[] => panels.flatMap((panel) => [panel, ...walk(panel.panels ?? [])]);
  return walk(dashboard.panels ?? []);
}

/** The panels that query data: every panel but rows. */
export function queryPanels(dashboard: Pick<GrafanaDashboard, 'panels'>): GrafanaPanel[] {
  return allPanels(dashboard).filter((panel) => panel.type !== 'row');
}

/**
 * Every target expression of every panel of the three dashboards under `root` (the project root),
 * panels nested in rows included: `dashboard` is the dashboard's uid, `panel` the panel's title.
 * The integration test runs each `expr` verbatim through Prometheus's `/api/v1/query`.
 */
export function dashboardQueries(root: string): { dashboard: string; panel: string; expr: string }[] {
  return DASHBOARD_FILES.flatMap((file) => {
    const dashboard = readDashboard(root, file);
    return queryPanels(dashboard).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ dashboard: dashboard.uid ?? file, panel: panel.title ?? `panel ${panel.id}`, expr: target.expr ?? '' })),
    );
  });
}

/** js-yaml (a dependency of serverless; untyped here): YAML text to plain data. */
export function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  return yaml.load(text);
}
