import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/alm.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `alm` with arguments (and extra environment), as a user would. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'alm-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `text` to a file in a fresh temporary directory and returns its path. */
export function writeTemp(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}
