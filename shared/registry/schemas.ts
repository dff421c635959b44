import { z } from 'zod';
import { FileNameSchema, VersionIdSchema } from './ids.js';

/**
 * Every document the registry stores or returns, as zod schemas; the TypeScript types are their
 * `z.infer`. Timestamps are ISO 8601 UTC strings (`Date#toISOString`). Stored documents are parsed
 * on read: one that does not match is reported as CorruptObjectError.
 */

/** ISO 8601 UTC timestamp. */
export const TimestampSchema = z.iso.datetime();

/** Hex SHA-256 of a file's UTF-8 bytes. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256');

/** Free JSON object given by the caller (manifest metadata, verdicts). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObjectSchema>;

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
 * `models/vNNNN/manifest.json`, written after every artifact: the version is complete. `metadata`
 * is the caller's (dataset digest, run key, candidate, primary metric and its test value, …).
 */
export const ManifestSchema = z.object({
  version: VersionIdSchema,
  created_at: TimestampSchema,
  files: z.record(FileNameSchema, ManifestFileSchema),
  metadata: JsonObjectSchema,
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** One row of `listVersions`: incomplete versions (claimed, no manifest yet) have nulls. */
export const VersionSummarySchema = z.object({
  version: VersionIdSchema,
  complete: z.boolean(),
  created_at: TimestampSchema.nullable(),
  metadata: JsonObjectSchema.nullable(),
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

/** `registry/verdicts/vNNNN.json`: the caller's verdict document, stored as given. */
export const RecordedVerdictSchema = JsonObjectSchema;
export type RecordedVerdict = z.infer<typeof RecordedVerdictSchema>;

/** Result of `recordVerdict`: `created: false` carries the verdict stored first. */
export const RecordVerdictResultSchema = z.object({
  created: z.boolean(),
  verdict: RecordedVerdictSchema,
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
