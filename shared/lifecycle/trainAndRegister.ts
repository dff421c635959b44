import { parseCsv } from '../automl/data/parseCsv.js';
import { artifactFiles } from '../automl/training/artifactFiles.js';
import { trainModel, type TrainingEnvironment } from '../automl/training/trainModel.js';
import type { MessageQueue } from '../ports/messageQueue.js';
import type { Metrics } from '../ports/metrics.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { DatasetNotFoundError, TrainingRunInProgressError } from './errors.js';
import type { PromoteMessage, TrainMessage } from './messages.js';
import { retrainedReferences } from './retrainedReferences.js';
import { runKeyOf } from './runKey.js';

export interface TrainPorts {
  readonly registry: ModelRegistry;
  readonly promoteQueue: MessageQueue<PromoteMessage>;
  /** The engine's clock, library versions and progress sink. */
  readonly training: TrainingEnvironment;
  /** A started run older than this is taken to have crashed and may be taken over. */
  readonly staleRunAfterMs: number;
  /** Where the run's duration goes (`alm_training_duration_seconds{outcome}`). */
  readonly metrics: Metrics;
}

export type TrainOutcome =
  | { readonly status: 'registered'; readonly version: VersionId; readonly run_key: string }
  | { readonly status: 'already_registered'; readonly version: VersionId; readonly run_key: string };

/**
 * The train use case: claim the run (dataset digest + options), train, register a new version
 * with every artifact (a retraining's drift reference describes its recent holdout,
 * `retrainedReferences`), record its lineage (data, trigger, parent), mark the run done, and ask for
 * a promotion decision. A replayed message registers nothing: for a done run it re-sends the
 * promote message, which is itself idempotent, so a crash between registering and sending loses
 * nothing; for a run claimed less than `staleRunAfterMs` ago it throws
 * `TrainingRunInProgressError`, so the message comes back later rather than being acknowledged
 * while its claimant may have died (a claim older than that is taken over and trained).
 * A run this call trains is timed, from reading the dataset to the promote message, whether it
 * registers (`outcome="registered"`) or throws (`"failed"`).
 */
export async function trainAndRegister(ports: TrainPorts, message: TrainMessage): Promise<TrainOutcome> {
  const { registry } = ports;
  const runKey = runKeyOf(message.dataset_digest, message.options, message.trigger?.report_id);
  const claim = await registry.runs.claim(runKey, { staleAfterMs: ports.staleRunAfterMs });
  if (claim.status === 'in_progress') throw new TrainingRunInProgressError(`training run ${runKey} was claimed by another delivery less than ${ports.staleRunAfterMs / 1000} s ago; retry after it`);
  if (claim.status === 'done') {
    await ports.promoteQueue.send({ version: claim.version });
    return { status: 'already_registered', version: claim.version, run_key: runKey };
  }

  const started = ports.training.clock.monotonicMs();
  let outcome = 'failed';
  try {
    const version = await trainNew(ports, message, runKey);
    outcome = 'registered';
    return { status: 'registered', version, run_key: runKey };
  } finally {
    ports.metrics.observe('alm_training_duration_seconds', (ports.training.clock.monotonicMs() - started) / 1000, { outcome });
  }
}

async function trainNew(ports: TrainPorts, message: TrainMessage, runKey: string): Promise<VersionId> {
  const { registry } = ports;
  const csv = await registry.datasets.get(message.dataset_digest);
  if (csv === undefined) throw new DatasetNotFoundError(`dataset ${message.dataset_digest} is not in the store`);
  const result = trainModel(parseCsv(csv), message.options, ports.training);
  const { metrics } = result;
  const references = await retrainedReferences(registry.datasets, message.data, result);
  const version = await registry.versions.register(artifactFiles({ ...result, ...references }), {
    dataset_digest: message.dataset_digest,
    run_key: runKey,
    candidate: metrics.candidate,
    primary_metric: metrics.primary_metric,
    test_score: metrics.test[metrics.primary_metric],
    cv_mean: metrics.validation.cv_mean,
    rows: result.info.rows,
    train_options: message.options,
  });
  const parent = message.trigger?.model_version ?? (await registry.production.get())?.pointer.version ?? null;
  await registry.lineage.record({
    version,
    parent_version: parent,
    dataset_digest: message.dataset_digest,
    trigger: message.trigger ?? { kind: 'ingest', requested_at: message.requested_at },
    data: message.data ?? null,
  });
  await registry.runs.complete(runKey, version);
  await ports.promoteQueue.send({ version });
  return version;
}
