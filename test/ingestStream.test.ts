import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { streamCsv } from '../shared/automl/data/streamCsv.js';
import { InvalidDatasetError, InvalidOptionsError } from '../shared/automl/errors.js';
import type { TrainOptionsInput } from '../shared/automl/training/trainOptions.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import { ingestDatasetStream } from '../shared/lifecycle/ingestDatasetStream.js';
import type { TrainMessage } from '../shared/lifecycle/messages.js';
import type { ByteSource, ObjectUploader } from '../shared/ports/byteSource.js';
import type { ObjectStore } from '../shared/ports/objectStore.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { sha256Hex } from '../shared/util/sha256.js';
import { readData } from './support/datasets.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { MemoryQueue } from './support/memoryQueue.js';

const PIMA = readData('pima_indians_diabetes.csv');
const FAST: TrainOptionsInput = { candidates: ['linear'], cv_folds: 3 };

/** A text as a source of `size`-byte chunks; counts its opens. */
function textSource(text: string | (() => string), size = 4096): ByteSource & { opens: number } {
  const source = {
    name: 'memory.csv',
    opens: 0,
    async *open() {
      source.opens++;
      const bytes = Buffer.from(typeof text === 'function' ? text() : text, 'utf8');
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
  return source;
}

/** Uploader double: reads the whole body, then writes it to `store` (so a body that throws writes nothing). */
function memoryUploader(store: ObjectStore): ObjectUploader & { uploads: number } {
  const uploader = {
    uploads: 0,
    async upload(key: string, body: AsyncIterable<Uint8Array>, options = {}) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk));
      uploader.uploads++;
      const text = Buffer.concat(chunks).toString('utf8');
      return { ...(await store.put(key, text, options)), bytes: Buffer.byteLength(text) };
    },
  };
  return uploader;
}

function setup() {
  const store = new MemoryObjectStore();
  const registry = createModelRegistry(store, { clock: manualClock('2026-12-01T23:00:00.000Z') });
  const trainQueue = new MemoryQueue<TrainMessage>();
  const uploader = memoryUploader(store);
  return { store, registry, trainQueue, uploader, ports: { datasets: registry.datasets, trainQueue, uploader } };
}

async function streamed(text: string, size: number) {
  const rows: string[][] = [];
  const summary = await streamCsv(textSource(text, size).open(), (fields) => rows.push(fields));
  return { summary, rows };
}

async function refusal(text: string, limits = {}): Promise<string> {
  const error = await streamCsv(textSource(text, 7).open(), () => {}, limits).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidDatasetError);
  return (error as Error).message;
}

describe('streamCsv: parseCsv over a stream of chunks', () => {
  const valid = [
    '\ufeffa,b,label\r\n1,"x, ""y""",yes\n\n2,"multi\r\nline",no\r3,,yes\n',
    ' a , b \n1,2\n3,4',
    'é,ü\n"ï,ö",ß\n',
  ];
  it.each([1, 2, 5, 4096])('reads what parseCsv reads, split in chunks of %i byte(s)', async (size) => {
    for (const text of valid) {
      const table = parseCsv(text);
      const { summary, rows } = await streamed(text, size);
      expect(summary).toEqual({ columns: table.columns, nRows: table.nRows, bytes: Buffer.byteLength(text) });
      expect(table.columns.map((_, c) => rows.map((r) => r[c]))).toEqual(table.cells);
    }
  });

  it('refuses what parseCsv refuses, naming the row and line', async () => {
    expect(await refusal('')).toMatch(/empty/);
    expect(await refusal('a,b\n')).toMatch(/header but no data rows/);
    expect(await refusal('a,b,a\n1,2,3\n')).toMatch(/duplicate column name 'a' \(columns 1 and 3\)/);
    expect(await refusal('a;b;c\n1;2;3\n')).toMatch(/semicolon-delimited/);
    expect(await refusal('a,b,label\n1,2,3\n1,2\n')).toBe('row 2 (line 3) has 2 field(s) but the header has 3 columns');
    expect(await refusal('a,b\n1,"x"y\n')).toMatch(/^row 1 .*column 2 \('b'\): a quoted field has text after its closing quote/);
    expect(await refusal('a,b\n1,x"y\n')).toMatch(/a quote inside an unquoted field/);
    expect(await refusal('a,b\n1,"open\n2,3\n')).toMatch(/unterminated quoted field/);
  });

  it('bounds a record and the whole text, refusing as soon as either is passed', async () => {
    // An unterminated quote would otherwise make csv-parse buffer the rest of the file.
    let served = 0;
    const endless: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        yield Buffer.from('a,b\n1,"');
        for (;;) {
          served += 65536;
          yield Buffer.alloc(65536, 'x');
        }
      },
    };
    const error = await streamCsv(endless, () => {}, { maxRecordBytes: 1 << 20 }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^row 1 \(near line 2\) is longer than 1048576 characters/);
    expect(served).toBeLessThan(4 << 20);
    expect(await refusal('a,b\n1,2\n3,4\n', { maxBytes: 10 })).toBe('the CSV is over 10 bytes, the most accepted');
  });
});

describe('ingestDatasetStream: validate and hash, then store, in two streamed passes', () => {
  it('stores, marks and queues what ingestDataset does for the same text', async () => {
    const streamedRun = setup();
    const source = textSource(PIMA, 1000);
    const result = await ingestDatasetStream(streamedRun.ports, source, FAST);
    const buffered = setup();
    const expected = await ingestDataset({ datasets: buffered.registry.datasets, trainQueue: buffered.trainQueue }, PIMA, FAST);
    expect(result).toEqual({ ...expected, bytes: Buffer.byteLength(PIMA), created: true, sampled_rows: 768 });
    expect(result.dataset_digest).toBe(sha256Hex(PIMA));
    expect(await streamedRun.registry.datasets.get(result.dataset_digest)).toBe(PIMA);
    expect(streamedRun.trainQueue.sent).toEqual(buffered.trainQueue.sent);
    expect((await streamedRun.registry.datasets.latest())?.digest).toBe(result.dataset_digest);
    expect(source.opens).toBe(2);
  });

  it('checks a seeded uniform sample with the engine, so rows sorted by class still pass', async () => {
    const [header, ...rows] = PIMA.trim().split('\n');
    const sorted = [header, ...rows.sort((a, b) => a.at(-1)!.localeCompare(b.at(-1)!))].join('\n');
    const run = setup();
    const result = await ingestDatasetStream(run.ports, textSource(sorted), { ...FAST, seed: 3 }, { sampleRows: 100 });
    expect(result).toMatchObject({ rows: 768, sampled_rows: 100, task: 'binary', target: header.split(',').at(-1) });
    // A head-of-file sample would hold one class only and fail the engine's checks.
    const head = [header, ...rows.sort((a, b) => a.at(-1)!.localeCompare(b.at(-1)!)).slice(0, 100)].join('\n');
    await expect(ingestDataset({ datasets: run.registry.datasets, trainQueue: run.trainQueue }, head, FAST)).rejects.toThrow();
  });

  it('stores nothing for a bad CSV or bad options, and reads nothing for bad options', async () => {
    const run = setup();
    await expect(ingestDatasetStream(run.ports, textSource(`${PIMA}1,2\n`), FAST)).rejects.toThrow(/row 769 \(line 770\) has 2 field/);
    const source = textSource(PIMA);
    await expect(ingestDatasetStream(run.ports, source, { ...FAST, cv_folds: 1 })).rejects.toThrow(InvalidOptionsError);
    expect(source.opens).toBe(0);
    await expect(ingestDatasetStream(run.ports, textSource(PIMA), { ...FAST, target: 'nope' })).rejects.toThrow(/nope/);
    expect(await run.store.list('datasets/')).toEqual([]);
    expect(run.trainQueue.sent).toEqual([]);
  });

  it('skips the second pass for content already stored, and refuses a source that changed in between', async () => {
    const run = setup();
    await ingestDatasetStream(run.ports, textSource(PIMA), FAST);
    const again = textSource(PIMA);
    expect(await ingestDatasetStream(run.ports, again, FAST)).toMatchObject({ created: false, dataset_digest: sha256Hex(PIMA) });
    expect([again.opens, run.uploader.uploads, run.trainQueue.sent.length]).toEqual([1, 1, 2]);

    const other = setup();
    let reads = 0;
    const changing = textSource(() => (reads++ === 0 ? PIMA : PIMA.replace('148', '149')));
    await expect(ingestDatasetStream(other.ports, changing, FAST)).rejects.toThrow(/changed while it was being ingested/);
    expect(await other.store.list('datasets/')).toEqual([]);
    expect(other.trainQueue.sent).toEqual([]);
  });
});
