import { InvalidDatasetError } from '../automl/errors.js';
import { ReservoirSample } from '../automl/data/reservoirSample.js';
import { streamCsv, type CsvStreamLimits } from '../automl/data/streamCsv.js';
import { parseTrainOptions, prepareDataset } from '../automl/training/prepareDataset.js';
import type { TrainOptionsInput } from '../automl/training/trainOptions.js';
import { createRandom } from '../automl/util/random.js';
import type { ByteSource, ObjectUploader } from '../ports/byteSource.js';
import { Sha256Stream } from '../util/sha256Stream.js';
import { queueTraining, type IngestPorts, type IngestResult } from './ingestDataset.js';

export interface StreamIngestPorts extends IngestPorts {
  readonly uploader: ObjectUploader;
}

export interface StreamIngestSettings extends CsvStreamLimits {
  /** The most rows the engine's checks see (a seeded uniform sample; default 10,000). */
  readonly sampleRows?: number;
}

export interface StreamIngestResult extends IngestResult {
  readonly bytes: number;
  /** False when the same content was already stored (the second pass was skipped). */
  readonly created: boolean;
  /** Rows of the sample `prepareDataset` checked (target and task are inferred on it). */
  readonly sampled_rows: number;
}

/** At most this many cells in the sample, whatever the width: 10,000 rows of 100 columns. */
const MAX_SAMPLE_CELLS = 1_000_000;

/**
 * The ingest use case for a CSV too large to hold in memory (a local file, an S3 object), in
 * two passes over a re-readable `ByteSource`, neither holding more than a record and one upload
 * part:
 * 1. validate and hash: every row through `streamCsv` (the dialect and refusals of `parseCsv`,
 *    plus the record and size bounds), the SHA-256 computed on the way, and a seeded uniform
 *    sample of rows (`ReservoirSample`, seed = the training seed) checked by `prepareDataset`,
 *    the engine's own checks (options, target, enough rows per class) — so a bad CSV stores nothing;
 * 2. store: the same bytes uploaded to `datasets/<sha256>.csv` (skipped when already stored),
 *    hashed again as they go; a source that changed in between is refused before the upload
 *    completes.
 * Then, as `ingestDataset`: marked latest, a training run queued. The digest is the one
 * `ingestDataset` gives the same text.
 */
export async function ingestDatasetStream(
  ports: StreamIngestPorts,
  source: ByteSource,
  options: TrainOptionsInput = {},
  settings: StreamIngestSettings = {},
): Promise<StreamIngestResult> {
  const random = createRandom(parseTrainOptions(options).seed); // bad options: refused before a byte is read
  const hash = new Sha256Stream();
  let sample: ReservoirSample | undefined;
  const onHeader = (columns: readonly string[]) => {
    const capacity = Math.min(settings.sampleRows ?? 10_000, Math.floor(MAX_SAMPLE_CELLS / columns.length));
    sample = new ReservoirSample(Math.max(1, capacity), random);
  };
  const summary = await streamCsv(hash.through(source.open()), (fields) => sample?.offer(fields), settings, onHeader);
  const sampled = (sample as ReservoirSample).table(summary.columns);
  const prepared = prepareDataset(sampled, options);
  const digest = hash.digest();
  const stored = await ports.datasets.putStream(digest, verified(source, digest), ports.uploader);
  const queued = await queueTraining(ports, digest, prepared);
  return { ...queued, rows: summary.nRows, bytes: summary.bytes, created: stored.created, sampled_rows: sampled.nRows };
}

/** The source read again, refused at its end (before the upload completes) unless it hashes to `digest`. */
async function* verified(source: ByteSource, digest: string): AsyncGenerator<Uint8Array> {
  const hash = new Sha256Stream();
  yield* hash.through(source.open());
  if (hash.digest() !== digest) {
    throw new InvalidDatasetError(`${source.name} changed while it was being ingested (SHA-256 ${hash.digest()}, validated ${digest}); nothing was stored`);
  }
}
