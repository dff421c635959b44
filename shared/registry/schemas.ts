import { z } from 'zod';
import { PrimaryMetricSchema } from '../automl/evaluation/taskMetrics.js';
import { ModelNameSchema } from '../automl/ensemble/modelName.js';
import { TrainOptionsSchema } from '../automl/training/trainOptions.js';
import { PairedComparisonSchema } from '../decision/bootstrap/pairedBootstrap.js';
import { JudgementSchema } from '../decision/promotionPolicy.js';
import { Sha256HexSchema } from '../util/sha256.js';
import { FileNameSchema, RunKeySchema, TimestampSchema, VersionIdSchema } from './ids.js';

/**
 * Every document the registry stores or returns, as zod schemas; the TypeScript types are their
 * `z.infer`. Timestamps are ISO 8601 UTC strings (`Date#toISOString`). Stored documents are parsed
 * on read: one that does not match is reported as CorruptObjectError.
 */

export { TimestampSchema };
/** The documents of the self-healing loop (drift reports, decisions and state; lineage), kept in files of their own for size, are part of this file's set. */
export * from './driftSchemas.js';
export * from './lineageSchemas.js';

/** `datasets/latest.json`: the most recently ingested dataset. */
export const LatestDatasetSchema = z.object({ digest: Sha256HexSchema, ingested_at: TimestampSchema });
export type LatestDataset = z.infer<typeof LatestDatasetSchema>;

/** `models/vNNNN/claim.json`: who took version number NNNN, and when. */
export const ClaimSchema = z.object({
  version: VersionIdSchema,
  claimed_at: TimestampSchema,
  claim_id: z.string().min(1),
});
export type Claim = z.infer<typeof ClaimSchema>;

/** One artifact as the manifest records it: SHA-256 and size in bytes of its UTF-8 text. */
export const ManifestFileSchema = z.object({
  sha256: Sha256HexSchema,
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

/**
 * What a version was trained on and how it scored, recorded in its manifest: the dataset digest,
 * the training run's key, the chosen candidate, its primary metric with the test and validation
 * figures, and the labeled rows used.
 */
export const ManifestMetadataSchema = z.object({
  dataset_digest: Sha256HexSchema,
  run_key: RunKeySchema,
  candidate: ModelNameSchema,
  primary_metric: PrimaryMetricSchema,
  test_score: z.number(),
  cv_mean: z.number(),
  rows: z.number().int().nonnegative(),
  /** The resolved options it was trained with (absent on versions registered before they were kept). */
  train_options: TrainOptionsSchema.optional(),
});
export type ManifestMetadata = z.infer<typeof ManifestMetadataSchema>;

/** `models/vNNNN/manifest.json`, written after every artifact: the version is complete. */
export const ManifestSchema = z.object({
  version: VersionIdSchema,
  created_at: TimestampSchema,
  files: z.record(FileNameSchema, ManifestFileSchema),
  metadata: ManifestMetadataSchema,
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** One row of `listVersions`: incomplete versions (claimed, no manifest yet) have nulls. */
export const VersionSummarySchema = z.object({
  version: VersionIdSchema,
  complete: z.boolean(),
  created_at: TimestampSchema.nullable(),
  metadata: ManifestMetadataSchema.nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

export const PromotionKindSchema = z.enum(['promote', 'rollback']);
export type PromotionKind = z.infer<typeof PromotionKindSchema>;

/** One change of the production pointer. `sequence` counts changes from 1. */
export const PromotionEventSchema = z.object({
  sequence: z.number().int().positive(),
  version: VersionIdSchema,
  previous: VersionIdSchema.nullable(),
  at: TimestampSchema,
  reason: z.string(),
  actor: z.string(),
  kind: PromotionKindSchema,
});
export type PromotionEvent = z.infer<typeof PromotionEventSchema>;

/**
 * `registry/production.json`: the version in production and the whole history of the pointer,
 * so both change together under one compare-and-swap. The history is append-only: event i has
 * sequence i + 1 and `previous` = the version of event i − 1; the last event is the current state.
 */
export const ProductionPointerSchema = z
  .object({
    version: VersionIdSchema,
    sequence: z.number().int().positive(),
    promoted_at: TimestampSchema,
    reason: z.string(),
    actor: z.string(),
    previous: VersionIdSchema.nullable(),
    history: z.array(PromotionEventSchema).min(1),
  })
  .refine((pointer) => {
    const last = pointer.history.at(-1);
    return (
      pointer.history.length === pointer.sequence &&
      last?.sequence === pointer.sequence &&
      last.version === pointer.version &&
      last.previous === pointer.previous
    );
  }, 'the pointer does not match the last event of its history');
export type ProductionPointer = z.infer<typeof ProductionPointerSchema>;

/** Arguments of `promote`; `kind` defaults to 'promote'. */
export const PromoteOptionsSchema = z.object({
  reason: z.string().min(1).max(2000),
  actor: z.string().min(1).max(200),
  kind: PromotionKindSchema.default('promote'),
});
export type PromoteOptions = z.input<typeof PromoteOptionsSchema>;

/** Arguments of `rollback`. */
export const RollbackOptionsSchema = PromoteOptionsSchema.omit({ kind: true });
export type RollbackOptions = z.input<typeof RollbackOptionsSchema>;

/**
 * `registry/verdicts/vNNNN.json`: what was decided about candidate `version`, once: the
 * policy's judgement, the scores compared (primary metric of each version's test split) and when.
 */
export const VerdictSchema = JudgementSchema.extend({
  version: VersionIdSchema,
  primary_metric: PrimaryMetricSchema,
  candidate_score: z.number(),
  production_version: VersionIdSchema.nullable(),
  production_score: z.number().nullable(),
  decided_at: TimestampSchema,
  /** Champion vs challenger on one holdout (absent for a first model, or one judged on its own test split). */
  comparison: PairedComparisonSchema.extend({
    holdout: z.object({ source: z.enum(['test_split', 'recent_labeled']), dataset_digest: Sha256HexSchema }),
  }).optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** Result of recording a verdict: `created: false` carries the verdict stored first. */
export const RecordVerdictResultSchema = z.object({
  created: z.boolean(),
  verdict: VerdictSchema,
});
export type RecordVerdictResult = z.infer<typeof RecordVerdictResultSchema>;

/**
 * `registry/training-runs/<runKey>.json`. `claim_id` is fresh on every claim, so two claims never
 * write identical bytes (identical bytes would have identical ETags and defeat IfMatch);
 * `attempt` counts claims, takeovers of a stale run included.
 */
export const TrainingRunRecordSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('started'),
    started_at: TimestampSchema,
    claim_id: z.string().min(1),
    attempt: z.number().int().positive(),
  }),
  z.object({
    status: z.literal('done'),
    started_at: TimestampSchema,
    claim_id: z.string().min(1),
    attempt: z.number().int().positive(),
    completed_at: TimestampSchema,
    version: VersionIdSchema,
  }),
]);
export type TrainingRunRecord = z.infer<typeof TrainingRunRecordSchema>;

/** Arguments of `claimTrainingRun`: a started run older than `staleAfterMs` may be taken over. */
export const ClaimTrainingRunOptionsSchema = z.object({
  staleAfterMs: z.number().nonnegative(),
});
export type ClaimTrainingRunOptions = z.infer<typeof ClaimTrainingRunOptionsSchema>;

/** Result of `claimTrainingRun`. */
export const TrainingRunClaimSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('claimed') }),
  z.object({ status: z.literal('in_progress') }),
  z.object({ status: z.literal('done'), version: VersionIdSchema }),
]);
export type TrainingRunClaim = z.infer<typeof TrainingRunClaimSchema>;

/**
 * A prediction id: a lowercase UUIDv7 (RFC 9562), whose first 48 bits are its Unix time in ms.
 * That time places the prediction, and every label of it, in its hourly partition.
 */
export const PredictionIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'expected a UUIDv7 prediction id');
export type PredictionId = z.infer<typeof PredictionIdSchema>;

/** The time in a prediction id: its first 48 bits, Unix milliseconds. */
export function predictionIdTime(id: PredictionId): Date {
  return new Date(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
}

/** A feature value as a request may send it (validated against the served schema before use). */
export const FeatureValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A target value in the target's own type: a class label (a number for numeric classes) or a regression value. */
export const TargetValueSchema = z.union([z.string(), z.number()]);

/**
 * One line of `predictions/date=…/hour=…/<sha256>.ndjson`: one accepted prediction, as logged:
 * the record as received (extra fields removed), what was answered, which version answered,
 * and when (`timestamp` = the time in `prediction_id`).
 */
export const PredictionLogRecordSchema = z.object({
  prediction_id: PredictionIdSchema,
  model_version: VersionIdSchema,
  timestamp: TimestampSchema,
  record: z.record(z.string(), FeatureValueSchema),
  prediction: TargetValueSchema,
  probability: z.number().optional(),
  probabilities: z.record(z.string(), z.number()).optional(),
});
export type PredictionLogRecord = z.infer<typeof PredictionLogRecordSchema>;

/**
 * One line of `labels/date=…/hour=…/<sha256>.ndjson`: the ground truth of one prediction, in
 * the target's own type, and when it was received. A later label of the same id replaces it.
 */
export const LabelRecordSchema = z.object({
  prediction_id: PredictionIdSchema,
  actual: TargetValueSchema,
  received_at: TimestampSchema,
});
export type LabelRecord = z.infer<typeof LabelRecordSchema>;
