import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metricDefinition } from '../shared/ports/metricCatalog.js';

// js-yaml (untyped) comes with serverless, a devDependency.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULES_DIR = 'monitoring/rules';
const TESTS_DIR = 'monitoring/rules/tests';
/** The Debian package that ships each binary. */
const PACKAGES = { promtool: 'prometheus', amtool: 'prometheus-alertmanager' } as const;

const ALERTS = [
  'AlmHighErrorRate',
  'AlmHighLatencyP95',
  'AlmDataDriftDetected',
  'AlmModelQualityDrop',
  'AlmRollback',
  'AlmDeadLetterQueueNotEmpty',
  'AlmPredictionLogsDropped',
  'AlmMetricsSidecarDown',
  'NodeHighCpu',
  'NodeMemoryPressure',
  'NodeDiskPressure',
];

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface AlertTest {
  alertname: string;
  exp_alerts?: unknown[];
}

const ymlFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => `${dir}/${name}`);
const readYaml = (path: string): any => load(readFileSync(join(ROOT, path), 'utf8'));
const alertRules = (): Rule[] =>
  ymlFiles(RULES_DIR)
    .flatMap((file) => (readYaml(file).groups as { rules: Rule[] }[]).flatMap((group) => group.rules))
    .filter((rule) => rule.alert !== undefined);

/** Runs a Prometheus tool from the project root: exit code 0, or fail with its output. */
function runTool(tool: keyof typeof PACKAGES, args: string[]): void {
  const result = spawnSync(tool, args, { cwd: ROOT, encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    expect.fail(`${tool} is not installed: apt-get install ${PACKAGES[tool]}`);
  }
  expect(result.error).toBeUndefined();
  expect(result.status, `${tool} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression selects: identifiers that are no function, keyword, label or literal. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' '); // label lists
  const names = [...bare.matchAll(/(?<![\w:.])[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/g)].map((match) => match[0]);
  return names.filter((name) => !KEYWORDS.has(name.toLowerCase()));
}

/** In the catalog (a histogram's `_bucket`, `_sum`, `_count` count as the histogram), a node-exporter metric, or `up`. */
function isKnownMetric(name: string): boolean {
  if (name === 'up' || name.startsWith('node_') || metricDefinition(name)) return true;
  const histogram = name.match(/^(.+)_(?:bucket|sum|count)$/)?.[1];
  return histogram !== undefined && metricDefinition(histogram)?.type === 'histogram';
}

describe('monitoring configuration', () => {
  it('promtool check config accepts prometheus.yml (with its rule files and file_sd targets)', () => {
    runTool('promtool', ['check', 'config', 'monitoring/prometheus.yml']);
  });

  it('promtool check rules accepts every rule file', () => {
    runTool('promtool', ['check', 'rules', ...ymlFiles(RULES_DIR)]);
  });

  it('promtool test rules passes every unit test', () => {
    runTool('promtool', ['test', 'rules', ...ymlFiles(TESTS_DIR)]);
  });

  it('amtool check-config accepts alertmanager.yml', () => {
    runTool('amtool', ['check-config', 'monitoring/alertmanager.yml']);
  });

  it('defines every alert once, with a severity, a summary and a description', () => {
    const rules = alertRules();
    const names = rules.map((rule) => rule.alert);
    expect(names).toEqual(expect.arrayContaining(ALERTS));
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(critical|warning)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
  });

  it('finds metric names in PromQL', () => {
    const expr = 'histogram_quantile(0.95, sum by (le, route) (rate(x_bucket{route=~"/a|b"}[5m]))) > 1e3 and on (i) up offset 5m';
    expect(metricNames(expr)).toEqual(['x_bucket', 'up']);
  });

  it('references only metrics the service exports, node_* metrics and up', () => {
    const referenced = alertRules().flatMap((rule) => {
      const queries = Object.values(rule.annotations ?? {}).flatMap((text) => [...text.matchAll(/query\s+"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]));
      return [rule.expr, ...queries].flatMap(metricNames).map((name) => `${rule.alert}: ${name}`);
    });
    expect(referenced.length).toBeGreaterThan(ALERTS.length);
    expect(referenced.filter((entry) => !isKnownMetric(entry.split(': ')[1]))).toEqual([]);
  });

  it('unit-tests every alert both firing and not firing', () => {
    const cases = ymlFiles(TESTS_DIR).flatMap((file) =>
      (readYaml(file).tests as { alert_rule_test?: AlertTest[] }[]).flatMap((test) => test.alert_rule_test ?? []),
    );
    for (const alert of ALERTS) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(mine.some((c) => (c.exp_alerts ?? []).length > 0), `${alert} fires in a test`).toBe(true);
      expect(mine.some((c) => (c.exp_alerts ?? []).length === 0), `${alert} stays silent in a test`).toBe(true);
    }
  });

  it('targets the default ports of config/resources.json', () => {
    const ports = readYaml('config/resources.json').ports as { metrics: number };
    const targets = (file: string) => (readYaml(`monitoring/targets/${file}`) as { targets: string[] }[]).flatMap((group) => group.targets);
    expect(targets('sidecar.json')).toEqual([`127.0.0.1:${ports.metrics}`]);
    expect(targets('node.json')).toEqual(['127.0.0.1:9100']);
    expect(targets('alertmanager.json')).toEqual(['127.0.0.1:9093']);
  });
});
