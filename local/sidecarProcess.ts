import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startProcess, waitForHttp } from './processes.js';

/**
 * The metrics sidecar of the local stack: one already answering `GET /health` on `port` is used
 * (docker-compose runs its own); else `alm sidecar --port <port>` is started with `env` (the AWS
 * endpoint, for the queue depths). `child` is undefined when an existing one is used.
 */
export async function startSidecarProcess(root: string, port: number, env: NodeJS.ProcessEnv, logDir: string): Promise<{ url: string; child?: ChildProcess }> {
  const url = `http://127.0.0.1:${port}`;
  try {
    if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok) return { url };
  } catch {
    /* none running: start one */
  }
  const child = startProcess(process.execPath, [join(root, 'bin', 'alm.js'), 'sidecar', '--port', String(port)], { env, cwd: root, logFile: join(logDir, 'sidecar.log') });
  await waitForHttp(`${url}/health`, 30_000, child);
  return { url, child };
}
