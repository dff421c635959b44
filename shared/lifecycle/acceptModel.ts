import { ModelArtifactError } from '../automl/errors.js';
import { parseModel } from '../automl/pipeline/modelArtifact.js';
import type { Pipeline } from '../automl/pipeline/pipeline.js';
import type { Metrics } from '../ports/metrics.js';
import { CorruptObjectError } from '../registry/errors.js';
import type { VersionId } from '../registry/ids.js';
import type { VersionStore } from '../registry/versionStore.js';
import { ModelRejectedError } from './errors.js';

/** Why a `model.json` was refused: the `reason` label of `alm_model_rejected_total`. */
export type ModelRejection = 'sha256' | 'checksum' | 'format';
/** Where it was refused: the `stage` label (a promotion, or a load by the predict function). */
export type ModelCheckStage = 'promote' | 'serve';

/**
 * The one gate of a version's `model.json` before it is promoted or served: read against the
 * manifest's SHA-256 (`sha256`: the bytes in S3 were altered), then parsed as an `alm-model`
 * envelope, its own checksum (`checksum`) and its pipeline schema (`format`). A refusal is
 * counted as `alm_model_rejected_total{reason, stage}` and thrown as ModelRejectedError; any
 * other error (the store unreachable, the version absent) is rethrown as is, uncounted.
 */
export async function acceptModel(versions: VersionStore, version: VersionId, metrics: Metrics, stage: ModelCheckStage): Promise<Pipeline> {
  try {
    return parseModel(await versions.readFile(version, 'model.json'));
  } catch (error) {
    const reason = rejectionOf(error);
    if (!reason) throw error;
    metrics.increment('alm_model_rejected_total', { reason, stage });
    throw new ModelRejectedError(`${version} refused (${reason}): ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
  }
}

/** The rejection an error stands for, or undefined when it is not about the artifact's content. */
export function rejectionOf(error: unknown): ModelRejection | undefined {
  if (error instanceof ModelRejectedError) return rejectionOf(error.cause);
  if (error instanceof CorruptObjectError) return 'sha256';
  if (error instanceof ModelArtifactError) return /checksum mismatch/.test(error.message) ? 'checksum' : 'format';
  return undefined;
}
