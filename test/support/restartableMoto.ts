import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startProcess, stopProcess, waitForHttp } from '../../local/processes.js';
import { tempDir } from './runCli.js';

/** A moto_server kept on one port across restarts, as a user's `moto_server -p 4566` would be. */
export interface RestartableMoto {
  readonly endpoint: string;
  /** Kills the process (SIGKILL: no graceful shutdown) and starts a fresh one on the same port: every bucket and queue is gone. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `moto_server` on a free port that it keeps: unlike `startMotoServer` (a test's own
 * server, any port), a restart here comes back at the same endpoint, empty, which is what the
 * stack sees when the moto_server under `npm start` is restarted. Output goes to a temporary log.
 */
export async function startRestartableMoto(accountId = '000000000000'): Promise<RestartableMoto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const logDir = tempDir('alm-moto-');
  let generation = 0;
  const launch = async (): Promise<ChildProcess> => {
    const child = startProcess('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
      env: { ...process.env, MOTO_ACCOUNT_ID: accountId },
      logFile: join(logDir, `moto-${generation++}.log`),
    });
    await waitForHttp(`${endpoint}/moto-api/`, 30_000, child);
    return child;
  };
  let child = await launch();
  return {
    endpoint,
    restart: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid as number), 'SIGKILL');
      await exited;
      child = await launch();
    },
    stop: () => stopProcess(child),
  };
}
