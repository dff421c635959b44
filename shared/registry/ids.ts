import { z } from 'zod';
import { formatZodIssues } from '../util/formatZodIssues.js';
import { Sha256HexSchema, type Sha256Hex } from '../util/sha256.js';
import { InvalidIdError } from './errors.js';

/**
 * The identifiers that become parts of S3 keys. Each is validated (`parse*`, throwing
 * InvalidIdError) before any key is built from it, so no caller input can reach another prefix.
 */

/** Highest version number: four digits. */
export const MAX_VERSION_NUMBER = 9999;

/** A model version: "v" and four digits, v0001 … v9999 (v0000 is not a version). */
export const VersionIdSchema = z
  .string()
  .regex(/^v\d{4}$/, 'expected "v" and four digits (v0001 … v9999)')
  .refine((id) => id !== 'v0000', 'v0000 is not a version: numbering starts at v0001');
export type VersionId = z.infer<typeof VersionIdSchema>;

/** A training run's idempotency key: a SHA-256 (see `lifecycle/runKey.ts`). */
export const RunKeySchema = Sha256HexSchema;
export type RunKey = z.infer<typeof RunKeySchema>;

/** Names the registry itself writes in a version folder; no artifact may take them. */
export const RESERVED_FILE_NAMES: readonly string[] = ['claim.json', 'manifest.json'];

/** An artifact file name: lowercase letters and underscores, `.json` or `.csv`, not reserved. */
export const FileNameSchema = z
  .string()
  .regex(/^[a-z_]+\.(json|csv)$/, 'expected lowercase letters or "_" ending in .json or .csv')
  .refine((name) => !RESERVED_FILE_NAMES.includes(name), 'reserved for the registry');
export type FileName = z.infer<typeof FileNameSchema>;

/** `v0001` for 1; InvalidIdError outside 1 … 9999 or for a non-integer. */
export function versionId(n: number): VersionId {
  if (!Number.isInteger(n) || n < 1 || n > MAX_VERSION_NUMBER) {
    throw new InvalidIdError(`invalid version number ${n}: expected an integer from 1 to ${MAX_VERSION_NUMBER}`);
  }
  return `v${String(n).padStart(4, '0')}`;
}

/** 1 for `v0001`; InvalidIdError for anything that is not a version id. */
export function versionNumber(id: unknown): number {
  return Number(parseVersionId(id).slice(1));
}

/** The version id, or InvalidIdError naming the input and the expected form. */
export function parseVersionId(input: unknown): VersionId {
  return parseId(VersionIdSchema, 'version id', input);
}

/** The run key, or InvalidIdError. */
export function parseRunKey(input: unknown): RunKey {
  return parseId(RunKeySchema, 'training run key', input);
}

/** A dataset's content digest (SHA-256 of its CSV), or InvalidIdError. */
export function parseDatasetDigest(input: unknown): Sha256Hex {
  return parseId(Sha256HexSchema, 'dataset digest', input);
}

/** A batch object's content digest (SHA-256 of its NDJSON text), or InvalidIdError. */
export function parseBatchDigest(input: unknown): Sha256Hex {
  return parseId(Sha256HexSchema, 'batch digest', input);
}

/** The artifact file name, or InvalidIdError. */
export function parseFileName(input: unknown): FileName {
  return parseId(FileNameSchema, 'artifact file name', input);
}

function parseId<T>(schema: z.ZodType<T>, what: string, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const reason = typeof input === 'string' ? formatZodIssues(result.error) : `expected a string, got ${describeType(input)}`;
  throw new InvalidIdError(`invalid ${what} ${describeValue(input)}: ${reason}`);
}

function describeType(input: unknown): string {
  return input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input;
}

/** The input, quoted and cut to 80 characters, safe to put in a message. */
function describeValue(input: unknown): string {
  if (typeof input !== 'string') return typeof input === 'number' || typeof input === 'boolean' ? String(input) : `(${describeType(input)})`;
  return JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
}

/**
 * A drift report's id: the UTC instant of its check, compact and sortable,
 * `YYYYMMDDTHHMMSSmmmZ` (e.g. 20261201T110500123Z); `reportIdOf` builds it from a time.
 */
export const ReportIdSchema = z.string().regex(/^\d{8}T\d{9}Z$/, 'expected a report id like 20261201T110500123Z');
export type ReportId = z.infer<typeof ReportIdSchema>;

export function reportIdOf(time: Date): ReportId {
  return time.toISOString().replace(/[-:.]/g, '');
}

export function parseReportId(input: unknown): ReportId {
  return parseId(ReportIdSchema, 'report id', input);
}

/** Alertmanager's alert fingerprint: hexadecimal, 16 digits in Alertmanager 0.25. */
export const AlertFingerprintSchema = z.string().regex(/^[0-9a-f]{1,32}$/, 'expected a hexadecimal alert fingerprint');

export function parseAlertFingerprint(input: unknown): string {
  return parseId(AlertFingerprintSchema, 'alert fingerprint', input);
}

/** ISO 8601 UTC timestamp (`Date#toISOString`). */
export const TimestampSchema = z.iso.datetime();
