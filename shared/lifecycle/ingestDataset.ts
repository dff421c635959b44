import { parseCsv } from '../automl/data/parseCsv.js';
import { prepareDataset } from '../automl/training/prepareDataset.js';
import type { TrainOptionsInput } from '../automl/training/trainOptions.js';
import type { DatasetStore } from './datasetStore.js';
import type { TrainMessage } from './messages.js';
import type { MessageQueue } from './ports.js';

export interface IngestPorts {
  readonly datasets: DatasetStore;
  readonly trainQueue: MessageQueue<TrainMessage>;
  readonly now?: () => Date;
}

export interface IngestResult {
  readonly dataset_digest: string;
  readonly rows: number;
  readonly target: string;
  readonly task: string;
  readonly message_id: string;
}

/**
 * The ingest use case: validate a labeled CSV with the engine's own checks (a bad one is an
 * InvalidDatasetError naming the row or column), store it by content digest, and ask for a
 * training run on the train queue.
 */
export async function ingestDataset(ports: IngestPorts, csv: string, options: TrainOptionsInput = {}): Promise<IngestResult> {
  const table = parseCsv(csv);
  const prepared = prepareDataset(table, options);
  const now = ports.now?.() ?? new Date();
  const { digest } = await ports.datasets.put(csv);
  await ports.datasets.markLatest(digest, now);
  const { messageId } = await ports.trainQueue.send({
    dataset_digest: digest,
    options: prepared.options,
    requested_at: now.toISOString(),
  });
  return {
    dataset_digest: digest,
    rows: table.nRows,
    target: prepared.schema.target.name,
    task: prepared.schema.target.task,
    message_id: messageId,
  };
}
