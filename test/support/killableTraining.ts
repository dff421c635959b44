import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../local/projectRoot.js';

/** A training process started by `startTraining`: its exit, to await after a kill. */
export interface TrainingProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * Bundles `trainingProcessEntry.ts` (the real train handler) once into `.alm/fault-tests/`
 * (inside the project, so its packages resolve from `node_modules`), and returns a starter that
 * runs it as a separate Node process on one TrainMessage with the given environment.
 */
export async function killableTraining(): Promise<(message: unknown, env: NodeJS.ProcessEnv) => TrainingProcess> {
  const root = projectRoot();
  const outDir = join(root, '.alm', 'fault-tests');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'train.mjs');
  await build({
    entryPoints: [join(root, 'test', 'support', 'trainingProcessEntry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  return (message, env) => {
    const child = spawn(process.execPath, [outfile, JSON.stringify(message)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    return { child, exited, output: () => output };
  };
}
