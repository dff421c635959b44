import { parseCsv } from '../automl/data/parseCsv.js';
import { prepareDataset, type PreparedDataset } from '../automl/training/prepareDataset.js';
import type { TrainOptionsInput } from '../automl/training/trainOptions.js';
import type { MessageQueue } from '../ports/messageQueue.js';
import type { DatasetStore } from '../registry/datasetStore.js';
import type { TrainMessage } from './messages.js';

export interface IngestPorts {
  readonly datasets: DatasetStore;
  readonly trainQueue: MessageQueue<TrainMessage>;
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
 * InvalidDatasetError naming the row or column), store it by content digest, mark it the
 * latest, and ask for a training run on the train queue with the options resolved.
 */
export async function ingestDataset(ports: IngestPorts, csv: string, options: TrainOptionsInput = {}): Promise<IngestResult> {
  const table = parseCsv(csv);
  const prepared = prepareDataset(table, options);
  const { digest } = await ports.datasets.put(csv);
  return { ...(await queueTraining(ports, digest, prepared)), rows: table.nRows };
}

/** Marks a stored dataset the latest and asks for its training run; shared with `ingestDatasetStream`. */
export async function queueTraining(
  ports: IngestPorts,
  digest: string,
  prepared: Pick<PreparedDataset, 'options' | 'schema'>,
): Promise<Omit<IngestResult, 'rows'>> {
  const latest = await ports.datasets.markLatest(digest);
  const { messageId } = await ports.trainQueue.send({ dataset_digest: digest, options: prepared.options, requested_at: latest.ingested_at });
  return { dataset_digest: digest, target: prepared.schema.target.name, task: prepared.schema.target.task, message_id: messageId };
}
