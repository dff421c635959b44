import { TrainOptionsSchema } from '../automl/training/trainOptions.js';
import type { MessageQueue } from '../ports/messageQueue.js';
import type { DriftDecisionRecord } from '../registry/schemas.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { sha256Hex } from '../util/sha256.js';
import type { TrainMessage } from './messages.js';
import { readDatasetSchema } from './readArtifacts.js';
import { assembleRetrainingData } from './retrainingData.js';
import type { RetrainingSettings } from './retrainingSettings.js';

/**
 * Asks for the retraining a drift decision called for: assembles its data (the production
 * version's dataset plus recent labeled production rows, `assembleRetrainingData`, seeded by the
 * report id), and sends the train message with the production version's options, the data that
 * went in and the trigger (report, version, window, reasons).
 */
export async function requestRetrain(
  ports: { readonly registry: ModelRegistry; readonly trainQueue: MessageQueue<TrainMessage> },
  decision: DriftDecisionRecord,
  settings: RetrainingSettings,
): Promise<TrainMessage> {
  const { registry } = ports;
  const version = decision.model_version;
  const [{ metadata }, schema] = await Promise.all([registry.versions.manifest(version), readDatasetSchema(registry.versions, version)]);
  const to = decision.window.to;
  const window = { from: new Date(Date.parse(to) - settings.windowMinutes * 60_000).toISOString(), to };
  const seed = Number.parseInt(sha256Hex(decision.report_id).slice(0, 8), 16);
  const assembled = await assembleRetrainingData(registry, { digest: metadata.dataset_digest, target: schema.target.name }, window, seed, settings);
  const message: TrainMessage = {
    dataset_digest: assembled.dataset_digest,
    options: metadata.train_options ?? TrainOptionsSchema.parse({ target: schema.target.name }),
    requested_at: to,
    trigger: { kind: 'drift', report_id: decision.report_id, model_version: version, window: decision.window, reasons: decision.reasons },
    data: assembled.data,
  };
  await ports.trainQueue.send(message);
  return message;
}
