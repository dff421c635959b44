import type { ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onPath, startProcess, waitForHttp } from './processes.js';

/** The ports of the monitoring processes, and the API's (Alertmanager's webhook target). */
export interface MonitoringPorts {
  readonly api: number;
  readonly metrics: number;
  readonly prometheus: number;
  readonly alertmanager: number;
  readonly nodeExporter: number;
}

/** One monitoring service: where it answers, and whether this stack started it. */
export interface MonitoringService {
  readonly name: 'prometheus' | 'alertmanager' | 'node-exporter';
  readonly url: string | null;
  readonly state: 'started' | 'already running' | 'not installed';
  /** The Debian package that provides it. */
  readonly debianPackage: string;
}

interface ServiceSpec {
  readonly name: MonitoringService['name'];
  readonly binary: string;
  readonly debianPackage: string;
  readonly port: number;
  readonly readyPath: string;
  readonly args: string[];
}

/**
 * Prometheus, Alertmanager and node-exporter (Debian's `prometheus`, `prometheus-alertmanager`,
 * `prometheus-node-exporter`) for the local stack, each by the rule: one already answering on its
 * port is used; else the binary is started when installed; else it is reported missing. They run
 * on the project's own configuration, copied into `runDir` with only the addresses changed:
 * `monitoring/prometheus.yml` and `rules/*.yml` as they are, `targets/*.json` with this stack's
 * ports; `alertmanager.yml` with the API's port in the webhook URL, and the admin key in
 * `api-key` next to it (its `credentials_file`). node-exporter runs with `--no-collector.systemd`.
 */
export async function startMonitoring(
  root: string,
  runDir: string,
  ports: MonitoringPorts,
  apiKey: string,
  logDir: string,
): Promise<{ services: MonitoringService[]; children: ChildProcess[] }> {
  writeRunConfig(root, runDir, ports, apiKey);
  const specs: ServiceSpec[] = [
    {
      name: 'node-exporter',
      binary: 'prometheus-node-exporter',
      debianPackage: 'prometheus-node-exporter',
      port: ports.nodeExporter,
      readyPath: '/metrics',
      args: [`--web.listen-address=127.0.0.1:${ports.nodeExporter}`, '--no-collector.systemd'],
    },
    {
      name: 'alertmanager',
      binary: 'prometheus-alertmanager',
      debianPackage: 'prometheus-alertmanager',
      port: ports.alertmanager,
      readyPath: '/-/ready',
      args: [
        `--config.file=${join(runDir, 'alertmanager.yml')}`,
        `--storage.path=${join(runDir, 'alertmanager-data')}`,
        `--web.listen-address=127.0.0.1:${ports.alertmanager}`,
        '--cluster.listen-address=',
      ],
    },
    {
      name: 'prometheus',
      binary: 'prometheus',
      debianPackage: 'prometheus',
      port: ports.prometheus,
      readyPath: '/-/ready',
      args: [`--config.file=${join(runDir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(runDir, 'prometheus-data')}`, `--web.listen-address=127.0.0.1:${ports.prometheus}`],
    },
  ];
  const services: MonitoringService[] = [];
  const children: ChildProcess[] = [];
  for (const spec of specs) {
    const url = `http://127.0.0.1:${spec.port}`;
    if (await answers(`${url}${spec.readyPath}`)) {
      services.push({ name: spec.name, url, state: 'already running', debianPackage: spec.debianPackage });
    } else if (onPath(spec.binary)) {
      const child = startProcess(spec.binary, spec.args, { logFile: join(logDir, `${spec.name}.log`) });
      children.push(child);
      await waitForHttp(`${url}${spec.readyPath}`, 30_000, child);
      services.push({ name: spec.name, url, state: 'started', debianPackage: spec.debianPackage });
    } else {
      services.push({ name: spec.name, url: null, state: 'not installed', debianPackage: spec.debianPackage });
    }
  }
  return { services, children };
}

/** The webhook URL of the committed Alertmanager config (the API on its default port). */
const WEBHOOK_URL = 'http://127.0.0.1:3000/alerts';

function writeRunConfig(root: string, runDir: string, ports: MonitoringPorts, apiKey: string): void {
  const source = join(root, 'monitoring');
  mkdirSync(join(runDir, 'targets'), { recursive: true });
  cpSync(join(source, 'prometheus.yml'), join(runDir, 'prometheus.yml'));
  cpSync(join(source, 'rules'), join(runDir, 'rules'), { recursive: true, filter: (path) => !path.includes(`${join(source, 'rules', 'tests')}`) });
  const target = (port: number) => `${JSON.stringify([{ targets: [`127.0.0.1:${port}`] }], null, 2)}\n`;
  writeFileSync(join(runDir, 'targets', 'sidecar.json'), target(ports.metrics));
  writeFileSync(join(runDir, 'targets', 'node.json'), target(ports.nodeExporter));
  writeFileSync(join(runDir, 'targets', 'alertmanager.json'), target(ports.alertmanager));
  const alertmanager = readFileSync(join(source, 'alertmanager.yml'), 'utf8');
  if (!alertmanager.includes(WEBHOOK_URL)) throw new Error(`monitoring/alertmanager.yml no longer sends to ${WEBHOOK_URL}: update startMonitoring`);
  writeFileSync(join(runDir, 'alertmanager.yml'), alertmanager.replace(WEBHOOK_URL, `http://127.0.0.1:${ports.api}/alerts`));
  writeFileSync(join(runDir, 'api-key'), apiKey, { mode: 0o600 });
  chmodSync(join(runDir, 'api-key'), 0o600);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}
