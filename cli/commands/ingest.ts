import { statSync } from 'node:fs';
import { parseTrainOptionsText } from '../../shared/automl/training/prepareDataset.js';
import { createAwsClients } from '../../shared/aws/awsClients.js';
import { s3ByteSource } from '../../shared/aws/s3ByteSource.js';
import { S3ObjectStore } from '../../shared/aws/s3ObjectStore.js';
import { S3ObjectUploader } from '../../shared/aws/s3ObjectUploader.js';
import { SqsMessageQueue } from '../../shared/aws/sqsMessageQueue.js';
import { RESOURCES } from '../../shared/config/resources.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { ingestDatasetStream } from '../../shared/lifecycle/ingestDatasetStream.js';
import type { TrainMessage } from '../../shared/lifecycle/messages.js';
import { fileByteSource } from '../../shared/platform/fileByteSource.js';
import { systemClock } from '../../shared/platform/systemClock.js';
import type { ByteSource } from '../../shared/ports/byteSource.js';
import { createModelRegistry } from '../../shared/registry/modelRegistry.js';
import { cliAwsConfig } from '../awsTarget.js';
import { parseCommand } from '../options.js';
import { OPTION_FLAGS } from './train.js';

export const INGEST_USAGE = 'alm ingest <csv file | s3://bucket/key> [--target col] [--seed n] [--candidates a,b] [...training flags of alm train] [--aws] [--json]';

/**
 * `alm ingest`, for a CSV of any size (the HTTP `POST /ingest` takes bodies up to
 * `ALM_MAX_INGEST_BYTES`): `ingestDatasetStream` straight to the registry's bucket and the train
 * queue — the file (or S3 object) is read twice as a stream (validate and hash, then a
 * multipart upload), never whole, then a training run is queued as `POST /ingest` queues it.
 * The endpoint is `AWS_ENDPOINT_URL`, else the local stack's; `--aws` uses AWS itself.
 */
export async function ingestCommand(args: string[]): Promise<void> {
  const flags = Object.fromEntries(OPTION_FLAGS.map((flag) => [flag, { type: 'string' as const }]));
  const { positionals, values } = parseCommand(args, { aws: { type: 'boolean' }, json: { type: 'boolean' }, ...flags });
  if (positionals.length !== 1) throw new UsageError(`expected one CSV file or s3:// URL: ${INGEST_USAGE}`);
  const options = parseTrainOptionsText(Object.fromEntries(OPTION_FLAGS.map((flag) => [flag.replaceAll('-', '_'), values[flag] as string | undefined])));
  const { s3, sqs } = createAwsClients(cliAwsConfig(values.aws === true));
  try {
    const source = sourceOf(positionals[0], s3);
    const registry = createModelRegistry(new S3ObjectStore(s3, RESOURCES.bucket), { clock: systemClock });
    const ports = { datasets: registry.datasets, trainQueue: new SqsMessageQueue<TrainMessage>(sqs, RESOURCES.queues.train.name), uploader: new S3ObjectUploader(s3, RESOURCES.bucket) };
    const result = await ingestDatasetStream(ports, source, options);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `ingested ${source.name}: ${result.rows} rows, ${result.bytes} bytes, dataset ${result.dataset_digest}${result.created ? '' : ' (already stored)'}; ` +
            `target '${result.target}' (${result.task}); training queued (message ${result.message_id})\n`,
    );
  } finally {
    s3.destroy();
    sqs.destroy();
  }
}

function sourceOf(location: string, s3: Parameters<typeof s3ByteSource>[0]): ByteSource {
  const url = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  if (url) return s3ByteSource(s3, url[1], url[2]);
  if (location.startsWith('s3://')) throw new UsageError(`expected s3://bucket/key, got '${location}'`);
  let isFile = false;
  try {
    isFile = statSync(location).isFile();
  } catch {
    // reported below
  }
  if (!isFile) throw new UsageError(`no such file: ${location}`);
  return fileByteSource(location);
}
