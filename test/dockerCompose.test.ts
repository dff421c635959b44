import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath } from '../local/processes.js';
import { projectRoot } from '../local/projectRoot.js';
import { parseYaml } from './support/dashboardQueries.js';

const root = projectRoot();
const COMPOSE_FILE = join(root, 'docker-compose.yml');
const SERVICES = ['localstack', 'app', 'sidecar', 'prometheus', 'alertmanager', 'grafana', 'node-exporter'];
const MONITORING = SERVICES.filter((name) => !['localstack', 'app'].includes(name));

interface ComposeService {
  image?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  ports?: (string | { published: number | string; target: number | string })[];
  environment?: Record<string, string | null> | string[];
  volumes?: string[];
  network_mode?: string;
  pid?: string;
  depends_on?: Record<string, { condition: string }> | string[];
}
interface ComposeFile {
  version?: string;
  name?: string;
  services: Record<string, ComposeService>;
}

/** `KEY=value` list or mapping → mapping (null: passed through from the environment). */
function environment(service: ComposeService): Record<string, string | null> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((entry) => (entry.includes('=') ? [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] : [entry, null])));
}

function publishedPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => Number(typeof port === 'string' ? port.split(':').at(-2) : port.published));
}

const words = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(' ') : (value ?? ''));

describe('docker-compose.yml', () => {
  const raw = parseYaml(readFileSync(COMPOSE_FILE, 'utf8')) as ComposeFile;

  it("is valid for docker-compose 1.29 (`docker-compose config -q`)", () => {
    expect(onPath('docker-compose'), 'docker-compose is required: apt-get install -y --no-install-recommends docker-compose').toBe(true);
    const check = spawnSync('docker-compose', ['-f', COMPOSE_FILE, 'config', '-q'], { cwd: root, encoding: 'utf8' });
    expect(check.error, 'docker-compose could not run: apt-get install -y --no-install-recommends docker-compose').toBeUndefined();
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("normalizes (`docker-compose config`) to the seven services, with Grafana on 3001 and no top-level name", () => {
    expect(onPath('docker-compose'), 'docker-compose is required: apt-get install -y --no-install-recommends docker-compose').toBe(true);
    const run = spawnSync('docker-compose', ['-f', COMPOSE_FILE, 'config'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const normalized = parseYaml(run.stdout) as ComposeFile;
    expect(Object.keys(normalized.services).sort()).toEqual([...SERVICES].sort());
    expect(normalized).not.toHaveProperty('name');
    expect(environment(normalized.services.grafana).GF_SERVER_HTTP_PORT).toBe('3001');
    expect(publishedPorts(normalized.services.app)).toContain(3001);
  });

  it("keeps format 2.4 and has no top-level name (docker-compose 1.29 rejects it)", () => {
    expect(raw.version).toBe('2.4');
    expect(raw).not.toHaveProperty('name');
    expect(Object.keys(raw.services).sort()).toEqual([...SERVICES].sort());
  });

  it('runs every monitoring service in the app\'s network namespace, and the app publishes all their ports', () => {
    for (const name of MONITORING) {
      expect(raw.services[name].network_mode, name).toBe('service:app');
      expect(raw.services[name].ports, `${name}: a container in another's namespace cannot publish ports`).toBeUndefined();
    }
    expect(publishedPorts(raw.services.app).sort((a, b) => a - b)).toEqual([3000, 3001, 9090, 9093, 9100, 9464]);
  });

  it('pins the images and wires each service as the monitoring files expect', () => {
    const { app, sidecar, prometheus, alertmanager, grafana } = raw.services;
    const nodeExporter = raw.services['node-exporter'];
    expect(app.image).toBe('node:20-bookworm');
    expect(words(app.command)).toMatch(/npm ci && .*npm start/);

    expect(sidecar.image).toBe('node:20-bookworm');
    expect(words(sidecar.command)).toContain('npm ci && node bin/alm.js sidecar');
    expect(environment(sidecar).AWS_ENDPOINT_URL).toBe('http://localstack:4566');
    expect(sidecar.volumes).toEqual(expect.arrayContaining(['.:/app', '/app/node_modules', '/app/dist']));

    expect(prometheus.image).toBe('prom/prometheus:v2.42.0');
    expect(prometheus.volumes).toContain('./monitoring:/etc/prometheus:ro');
    expect(words(prometheus.command)).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(words(prometheus.command)).toMatch(/--web\.listen-address=(0\.0\.0\.0|127\.0\.0\.1)?:9090/);

    expect(alertmanager.image).toBe('prom/alertmanager:v0.25.0');
    expect(environment(alertmanager)).toHaveProperty('ALM_API_KEY', null);
    const script = words(alertmanager.command);
    expect(script).toContain('/alertmanager/config/api-key');
    expect(script).toContain('--config.file=/alertmanager/config/alertmanager.yml');
    expect(script).toContain('--web.listen-address=:9093');
    expect(script, 'compose interpolates $VAR itself: the shell needs $$').not.toMatch(/(^|[^$])\$[A-Za-z({]/);

    expect(grafana.image).toBe('grafana/grafana:10.4.2');
    expect(environment(grafana)).toMatchObject({ GF_SERVER_HTTP_PORT: '3001', GF_AUTH_ANONYMOUS_ENABLED: 'true', GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer' });

    expect(nodeExporter.image).toBe('prom/node-exporter:v1.5.0');
    expect(words(nodeExporter.command)).toContain('--path.rootfs=/host');
    expect(words(nodeExporter.command)).toContain('--no-collector.systemd');
    expect(nodeExporter.volumes).toContain('/:/host:ro,rslave');
  });

  it('mounts the Grafana provisioning, and the dashboards where the provider loads them', () => {
    const provider = parseYaml(readFileSync(join(root, 'monitoring', 'grafana', 'provisioning', 'dashboards', 'alm.yml'), 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    const volumes = raw.services.grafana.volumes ?? [];
    expect(volumes).toContain('./monitoring/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(volumes).toContain(`./monitoring/grafana/dashboards:${provider.providers[0].options.path}:ro`);
  });
});
