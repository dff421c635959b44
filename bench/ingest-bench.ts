/**
 * Benchmark of large-CSV ingestion (`npm run bench:ingest`): generates a CSV of `--bytes` bytes
 * (default 1 GiB; rows shaped like the main dataset, deterministic) to a temporary file, streamed,
 * in a child process (`--generate <path>`), then ingests it with `ingestDatasetStream` from `fileByteSource` — pass 1 validates every row
 * with csv-parse's stream API and hashes it, pass 2 streams it to an uploader — and prints the
 * peak resident set size. The uploader is a sink that hashes and counts what it is given (S3's
 * own memory is not ours to measure; `S3ObjectUploader` adds one 8 MiB part). The peak is the
 * kernel's (`process.resourceUsage().maxRSS`), which covers the whole process; the baseline is
 * the RSS just before ingesting. Progress on stderr; `--json` prints one JSON line on stdout.
 *
 * `--buffered` runs the HTTP route's path instead (`ingestDataset`: the whole text in memory),
 * for contrast.
 *
 * usage: npm run bench:ingest [-- --bytes 1073741824] [--file existing.csv] [--buffered] [--json]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestDataset, type IngestPorts } from '../shared/lifecycle/ingestDataset.js';
import { ingestDatasetStream } from '../shared/lifecycle/ingestDatasetStream.js';
import type { TrainMessage } from '../shared/lifecycle/messages.js';
import type { ObjectUploader } from '../shared/ports/byteSource.js';
import type { ObjectStore, StoredObject } from '../shared/ports/objectStore.js';
import { fileByteSource } from '../shared/platform/fileByteSource.js';
import { systemClock } from '../shared/platform/systemClock.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { saveBenchResults } from './support/benchResults.js';

const MIB = 1024 * 1024;
const HEADER = 'gender,age,hypertension,heart_disease,smoking_history,bmi,HbA1c_level,blood_glucose_level,diabetes\n';
const SMOKING = ['never', 'No Info', 'current', 'former', 'ever', 'not current'];

/** 16 distinct blocks of 4,000 rows, written in turn: the generator costs I/O, not the bench's CPU. */
function rowBlocks(): string[] {
  return Array.from({ length: 16 }, (_, block) => {
    const lines: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = block * 4000 + i;
      const age = 1 + ((row * 7919) % 80);
      const glucose = 80 + ((row * 104729) % 220);
      lines.push(`${row % 2 ? 'Female' : 'Male'},${age},${row % 13 === 0 ? 1 : 0},${row % 29 === 0 ? 1 : 0},${SMOKING[row % 6]},${(15 + ((row * 31) % 300) / 10).toFixed(2)},${(3.5 + (row % 55) / 10).toFixed(1)},${glucose},${glucose > 240 ? 1 : 0}\n`);
    }
    return lines.join('');
  });
}

/** Writes about `bytes` bytes of CSV to `path`, a block of rows a write, waiting for 'drain'. */
async function generateCsv(path: string, bytes: number): Promise<void> {
  const blocks = rowBlocks();
  const out = createWriteStream(path);
  let written = HEADER.length;
  out.write(HEADER);
  for (let i = 0; written < bytes; i++) {
    const block = blocks[i % blocks.length];
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** The registry's small documents (latest.json) in a map: the dataset itself goes to the sink. */
class MapStore implements ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  async get(key: string) {
    return this.objects.get(key);
  }
  async head(key: string) {
    return this.objects.has(key) ? { etag: '"x"' } : undefined;
  }
  async put(key: string, body: string) {
    this.objects.set(key, { body, etag: '"x"' });
    return { etag: '"x"' };
  }
  async list(prefix: string) {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}

/** For contrast (`--buffered`): the HTTP route's path, the whole text in memory (`ingestDataset`), then the same sink. */
async function buffered(path: string, ports: IngestPorts, sink: ObjectUploader) {
  const text = readFileSync(path, 'utf8');
  const result = await ingestDataset(ports, text, { candidates: ['linear'] });
  await sink.upload('datasets/buffered.csv', (async function* () {
    yield Buffer.from(text);
  })());
  return { ...result, bytes: Buffer.byteLength(text) };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const bytesWanted = Number(argument('--bytes') ?? 1024 * MIB);
  const given = argument('--file');
  const dir = given === undefined ? mkdtempSync(join(tmpdir(), 'alm-ingest-bench-')) : undefined;
  const path = given ?? join(dir as string, 'large.csv');
  try {
    let generateSeconds = 0;
    if (!given) {
      // In a process of its own, so that this one's peak RSS is the ingest's alone.
      process.stderr.write(`[ingest] generating ${(bytesWanted / MIB).toFixed(0)} MiB to ${path}\n`);
      const started = performance.now();
      const child = spawnSync(process.execPath, [process.argv[1], '--generate', path, '--bytes', String(bytesWanted)], { stdio: 'inherit' });
      if (child.status !== 0) throw new Error(`generating the CSV failed (${child.status ?? child.signal})`);
      generateSeconds = (performance.now() - started) / 1000;
    }
    let sunk = 0;
    const sinkHash = createHash('sha256');
    const sink: ObjectUploader = {
      async upload(_key, body) {
        for await (const chunk of body) {
          sunk += chunk.byteLength;
          sinkHash.update(chunk);
        }
        return { etag: '"sink"', bytes: sunk };
      },
    };
    const sent: TrainMessage[] = [];
    const trainQueue = { send: async (message: TrainMessage) => ({ messageId: `m${sent.push(message)}` }) };
    const datasets = createModelRegistry(new MapStore(), { clock: systemClock }).datasets;
    let heapPeak = 0;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
    const baseline = process.memoryUsage().rss;
    process.stderr.write(`[ingest] streaming ${path} (baseline RSS ${(baseline / MIB).toFixed(0)} MiB)\n`);
    const started = performance.now();
    const result = process.argv.includes('--buffered')
      ? await buffered(path, { datasets, trainQueue }, sink)
      : await ingestDatasetStream({ datasets, trainQueue, uploader: sink }, fileByteSource(path), { candidates: ['linear'] });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const peak = process.resourceUsage().maxRSS * 1024;
    if (sunk !== result.bytes || sinkHash.digest('hex') !== result.dataset_digest) throw new Error('the uploaded bytes differ from the validated ones');
    const figures = {
      bytes: result.bytes,
      rows: result.rows,
      digest: result.dataset_digest,
      generate_seconds: Number(generateSeconds.toFixed(1)),
      ingest_seconds: Number(seconds.toFixed(1)),
      mib_per_second: Number((result.bytes / MIB / seconds).toFixed(1)),
      baseline_rss_mib: Number((baseline / MIB).toFixed(1)),
      peak_rss_mib: Number((peak / MIB).toFixed(1)),
      peak_heap_used_mib: Number((heapPeak / MIB).toFixed(1)),
      machine: `${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}, node ${process.version}`,
    };
    const size = `${(result.bytes / MIB).toFixed(0)} MiB`;
    process.stdout.write(
      process.argv.includes('--json')
        ? `${JSON.stringify(figures)}\n`
        : [
            `| figure | value |`,
            `| --- | --- |`,
            `| CSV streamed (validated, hashed, uploaded) | ${size}, ${result.rows.toLocaleString('en-US')} rows |`,
            `| ingest time (2 passes) | ${figures.ingest_seconds} s (${figures.mib_per_second} MiB/s of CSV) |`,
            `| peak RSS (whole process, kernel maxRSS) | ${figures.peak_rss_mib} MiB (baseline ${figures.baseline_rss_mib} MiB) |`,
            `| peak V8 heap used | ${figures.peak_heap_used_mib} MiB |`,
            `${figures.machine}`,
            '',
          ].join('\n'),
    );
    saveBenchResults({
      peer: '—',
      rows: [{ figure: `ingest ${size} CSV streamed: peak RSS`, ours: `${figures.peak_rss_mib} MiB`, peer: '—', ratio: '—', target: '< 256 MiB', ok: peak < 256 * MIB ? 'yes' : 'no' }],
      failures: peak < 256 * MIB ? [] : [`peak RSS ${figures.peak_rss_mib} MiB ≥ 256 MiB`],
      notes: [figures.machine],
    });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const generateTo = argument('--generate');
if (generateTo) await generateCsv(generateTo, Number(argument('--bytes') ?? 1024 * MIB));
else await main();
