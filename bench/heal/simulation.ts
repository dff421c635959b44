/**
 * Runs `alm simulate <held-out csv> --json …` as a child process against the stack: its stderr
 * (header, timeline, progress, summary lines) is relayed line by line as it comes, its stdout's
 * last line parsed as the `SimulationSummary`. Also notes when the header line arrived (the
 * simulation's clock starts right after printing it), so the onset is known as a wall time.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { SimulationSummarySchema, type SimulationSummary } from '../../shared/simulation/simulationSummary.js';

export interface SimulationRun {
  readonly summary: SimulationSummary | undefined;
  readonly exitCode: number | null;
  /** Wall time (ms) the simulation started, from its header line; undefined if none came. */
  readonly startedAt: number | undefined;
  readonly error: string | undefined;
}

export interface SimulationChild {
  readonly done: Promise<SimulationRun>;
  /** Stops the child (SIGINT, as Ctrl-C: it still prints its summary). */
  interrupt(): void;
}

export function runSimulation(root: string, apiUrl: string, args: readonly string[], relay: (line: string) => void): SimulationChild {
  const child = spawn(process.execPath, [join(root, 'bin/alm.js'), 'simulate', ...args], {
    cwd: root,
    env: { ...process.env, ALM_API_URL: apiUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let startedAt: number | undefined;
  const stdout: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (startedAt === undefined && line.startsWith('simulate: ')) startedAt = Date.now();
    relay(line);
  });
  const done = new Promise<SimulationRun>((resolve) => {
    child.once('error', (error) => resolve({ summary: undefined, exitCode: null, startedAt, error: error.message }));
    child.once('close', (code) => {
      const last = stdout.filter((line) => line.trim() !== '').at(-1);
      if (last === undefined) return resolve({ summary: undefined, exitCode: code, startedAt, error: 'no JSON summary on stdout' });
      try {
        resolve({ summary: SimulationSummarySchema.parse(JSON.parse(last)), exitCode: code, startedAt, error: undefined });
      } catch (error) {
        resolve({ summary: undefined, exitCode: code, startedAt, error: `the summary did not parse: ${(error as Error).message.slice(0, 300)}` });
      }
    });
  });
  return { done, interrupt: () => void child.kill('SIGINT') };
}
