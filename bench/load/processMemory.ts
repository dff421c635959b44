/**
 * The memory of a running process as Linux reports it in `/proc/<pid>/status` (proc(5)):
 * `VmRSS` (resident set: every page in RAM, code and file mappings included) and `RssAnon` (its
 * anonymous part: the V8 heaps of the main thread and of every worker thread, malloc arenas, the
 * buffers; what a leak grows). serverless-offline runs every handler in a worker thread of its one
 * process, so that process's figures cover every model cache and prediction log buffer. Linux
 * only; a process that cannot be read is an error, never a zero.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface MemorySample {
  readonly at: number;
  readonly rssBytes: number;
  readonly anonBytes: number;
}

export const MiB = 1024 * 1024;

export function readMemory(pid: number, at = Date.now()): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { at, rssBytes: kib('VmRSS'), anonBytes: kib('RssAnon') };
}

/**
 * The pid of the serverless-offline process serving `--httpPort <apiPort>` (`startStack` starts
 * it as `node …/serverless.js offline start … --httpPort PORT`), found by its command line.
 */
export function findServerlessOffline(apiPort: number): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const port = argv.indexOf('--httpPort');
    if (argv.includes('offline') && port >= 0 && argv[port + 1] === String(apiPort)) found.push(Number(entry));
  }
  if (found.length !== 1) throw new Error(`expected one serverless-offline process on --httpPort ${apiPort}, found ${found.length}`);
  return found[0];
}

/** Samples `pid` every `everyMs` until stopped; `stop()` (idempotent) returns the samples, one taken at the first stop. */
export function sampleMemory(pid: number, everyMs = 1000): { stop(): MemorySample[] } {
  const samples = [readMemory(pid)];
  let failure: unknown;
  const timer = setInterval(() => {
    try {
      samples.push(readMemory(pid));
    } catch (error) {
      failure = error; // the process is gone: stop sampling, `stop()` says why
      clearInterval(timer);
    }
  }, everyMs);
  let stopped = false;
  return {
    stop: () => {
      clearInterval(timer);
      if (failure) throw failure;
      if (!stopped) samples.push(readMemory(pid));
      stopped = true;
      return samples;
    },
  };
}
