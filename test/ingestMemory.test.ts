import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/runCli.js';

const ROOT = join(import.meta.dirname, '..');
const MIB = 1024 * 1024;

/**
 * The bounded-memory promise of `ingestDatasetStream`, measured in a process of its own (a
 * fresh RSS, nothing else of the test runner's in it): bench/ingest-bench.ts, bundled, streams
 * a generated 96 MiB CSV from a file through both passes with a V8 heap capped at 24 MiB, less
 * than the file, so buffering it whole crashes (the buffered path, the HTTP route's, is run as a
 * control and must); the kernel's peak RSS may grow at most 64 MiB over the RSS before ingesting
 * (measured: 35 to 40 MiB). `npm run bench:ingest` does 1 GiB.
 */
describe('ingestDatasetStream in bounded memory', () => {
  it('streams a 96 MiB CSV in a 24 MiB heap, its peak RSS growing less than 64 MiB', { timeout: 120_000 }, async () => {
    const outfile = join(tempDir('alm-ingest-memory-'), 'ingest-bench.mjs');
    let run: SpawnSyncReturns<string>;
    await build({
      entryPoints: [join(ROOT, 'bench/ingest-bench.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'warning',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const csv = join(dirname(outfile), 'large.csv');
    const node = (flags: string[], ...args: string[]) => spawnSync(process.execPath, [...flags, outfile, ...args], { encoding: 'utf8', timeout: 100_000 });
    const capped = ['--max-old-space-size=24', '--max-semi-space-size=1'];
    try {
      expect(node([], '--generate', csv, '--bytes', String(96 * MIB)).status).toBe(0);
      // The bound discriminates: the buffered path (the HTTP route's, the whole text parsed at once) cannot run in it.
      const control = node(capped, '--file', csv, '--buffered', '--json');
      expect(control.status).not.toBe(0);
      expect(control.stderr).toMatch(/heap out of memory|Invalid string length|allocation failed/i);
      run = node(capped, '--file', csv, '--json');
    } finally {
      rmSync(dirname(outfile), { recursive: true, force: true });
    }
    expect(run.status, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    console.log(`ingest-bench --bytes ${96 * MIB}: ${run.stdout.trim()}`);
    expect(figures.bytes).toBeGreaterThanOrEqual(96 * MIB);
    expect(figures.rows).toBeGreaterThan(2_500_000);
    expect(figures.peak_rss_mib - figures.baseline_rss_mib).toBeLessThan(64); // MiB, two thirds of the 96 MiB file
  });
});
