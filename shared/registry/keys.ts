import { InvalidIdError } from './errors.js';
import {
  parseBatchDigest,
  parseDatasetDigest,
  parseAlertFingerprint,
  parseFileName,
  parseReportId,
  parseRunKey,
  parseVersionId,
  ReportIdSchema,
  VersionIdSchema,
  type ReportId,
  type VersionId,
} from './ids.js';

/**
 * The bucket's whole S3 key layout, one function per key. Every function validates its inputs
 * (InvalidIdError) before building a key, so no caller input can reach another prefix.
 *
 * ```
 * datasets/<sha256>.csv                ingested CSVs, content-addressed (IfNoneMatch '*')
 * datasets/latest.json                 the most recently ingested dataset (overwritten)
 * models/vNNNN/claim.json              claims version number NNNN (IfNoneMatch '*', written first)
 * models/vNNNN/<file>                  artifacts, e.g. model.json, metrics.json (IfNoneMatch '*')
 * models/vNNNN/manifest.json           written last (IfNoneMatch '*'): the version is complete
 * registry/production.json             the production pointer and its history (IfMatch CAS)
 * registry/verdicts/vNNNN.json         promotion verdict of a candidate (IfNoneMatch '*': first wins)
 * registry/training-runs/<runKey>.json idempotency record of a training run (create, then IfMatch)
 * predictions/date=YYYY-MM-DD/hour=HH/<first>-<last>-<batch>.ndjson  logged predictions, partitioned by prediction time (IfNoneMatch '*')
 * labels/date=YYYY-MM-DD/hour=HH/<first>-<last>-<batch>.ndjson       ground truth, partitioned by its prediction's time (IfNoneMatch '*')
 * alerts/date=YYYY-MM-DD/<receivedId>-<fingerprint>-<status>.json  alerts received from Alertmanager (IfNoneMatch '*')
 * reports/<reportId>.json | .html      one drift check: its result and decision, and the HTML report (IfNoneMatch '*')
 * registry/drift-decisions/<reportId>.json  the drift decision of that check (IfNoneMatch '*')
 * registry/drift-state.json            hysteresis and cooldown state of the drift decisions (IfMatch CAS)
 * registry/lineage/vNNNN.json          where a version comes from: data, trigger, parent (IfNoneMatch '*')
 * registry/live-quality/vNNNN.json     the latest live quality of a version (overwritten)
 * ```
 * `<batch>` is the SHA-256 of the object's content, so a replayed write is a no-op; `<first>` and
 * `<last>` the earliest and latest prediction time in it (epoch ms), so readers skip what is out of their window.
 */

/** Prefix of every model version. */
export const MODELS_PREFIX = 'models/';

/** `datasets/<sha256>.csv`: one ingested CSV, named by the SHA-256 of its text. */
export function datasetKey(digest: string): string {
  return `datasets/${parseDatasetDigest(digest)}.csv`;
}

/** `datasets/latest.json`: which dataset was ingested last. */
export function latestDatasetKey(): string {
  return 'datasets/latest.json';
}

/** `models/vNNNN/`: everything of one version. */
export function versionPrefix(version: VersionId): string {
  return `${MODELS_PREFIX}${parseVersionId(version)}/`;
}

/** `models/vNNNN/claim.json`: written first, with IfNoneMatch '*', to take version number NNNN. */
export function claimKey(version: VersionId): string {
  return `${versionPrefix(version)}claim.json`;
}

/** `models/vNNNN/<file>`: one immutable artifact (file name validated, reserved names refused). */
export function artifactKey(version: VersionId, file: string): string {
  return `${versionPrefix(version)}${parseFileName(file)}`;
}

/** `models/vNNNN/manifest.json`: written last; its presence makes the version complete. */
export function manifestKey(version: VersionId): string {
  return `${versionPrefix(version)}manifest.json`;
}

/** `registry/production.json`: the production pointer, with its append-only history. */
export function productionKey(): string {
  return 'registry/production.json';
}

/** `registry/verdicts/vNNNN.json`: the promotion verdict of candidate `version`. */
export function verdictKey(version: VersionId): string {
  return `registry/verdicts/${parseVersionId(version)}.json`;
}

/** `registry/training-runs/<runKey>.json`: the idempotency record of a training run. */
export function trainingRunRecordKey(runKey: string): string {
  return `registry/training-runs/${parseRunKey(runKey)}.json`;
}

/** The hourly partition a time falls in, UTC: `date` is YYYY-MM-DD, `hour` is 00 … 23. */
export interface Partition {
  readonly date: string;
  readonly hour: string;
}

export function partitionOf(time: Date): Partition {
  const iso = time.toISOString();
  return { date: iso.slice(0, 10), hour: iso.slice(11, 13) };
}

/** `predictions/` or `labels/`, or one partition of it: `predictions/date=YYYY-MM-DD/hour=HH/`. */
export function partitionPrefix(family: 'predictions' | 'labels', partition?: Partition): string {
  if (!partition) return `${family}/`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(partition.date) || !/^([01]\d|2[0-3])$/.test(partition.hour)) {
    throw new InvalidIdError(`invalid partition date=${partition.date}/hour=${partition.hour}`);
  }
  return `${family}/date=${partition.date}/hour=${partition.hour}/`;
}

/** The earliest and latest prediction time (epoch ms) of the lines of one batch object. */
export interface BatchSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * `predictions/date=…/hour=…/<first>-<last>-<sha256>.ndjson`: one batch of logged predictions;
 * `<first>` and `<last>` are its earliest and latest prediction times in epoch ms (13 digits), so
 * a reader skips a batch outside its window without reading it. Without a span, the former name
 * `<sha256>.ndjson` (still read).
 */
export function predictionBatchKey(partition: Partition, batchDigest: string, span?: BatchSpan): string {
  return `${partitionPrefix('predictions', partition)}${batchName(batchDigest, span)}`;
}

/** `labels/date=…/hour=…/<first>-<last>-<sha256>.ndjson`: one batch of ground-truth labels (times of their predictions). */
export function labelBatchKey(partition: Partition, batchDigest: string, span?: BatchSpan): string {
  return `${partitionPrefix('labels', partition)}${batchName(batchDigest, span)}`;
}

/** The span in a batch object's key, or undefined for a key without one (read whatever its times). */
export function batchSpanOfKey(key: string): BatchSpan | undefined {
  const match = /\/(\d{13})-(\d{13})-[0-9a-f]{64}\.ndjson$/.exec(key);
  return match ? { first: Number(match[1]), last: Number(match[2]) } : undefined;
}

function batchName(batchDigest: string, span: BatchSpan | undefined): string {
  const digest = parseBatchDigest(batchDigest);
  if (!span) return `${digest}.ndjson`;
  const time = (ms: number) => {
    if (!Number.isInteger(ms) || ms < 0 || ms > 9_999_999_999_999) throw new InvalidIdError(`invalid batch time ${ms}`);
    return String(ms).padStart(13, '0');
  };
  return `${time(span.first)}-${time(span.last)}-${digest}.ndjson`;
}

/** The version a key under `models/` belongs to; undefined for anything else (foreign keys). */
export function versionOfModelKey(key: string): VersionId | undefined {
  if (!key.startsWith(MODELS_PREFIX)) return undefined;
  const segment = key.slice(MODELS_PREFIX.length).split('/')[0];
  return VersionIdSchema.safeParse(segment).success ? segment : undefined;
}

/** Prefix of every drift report. */
export const REPORTS_PREFIX = 'reports/';

/** `reports/<reportId>.json` or `.html`: one drift check's document or its HTML report. */
export function reportKey(id: string, format: 'json' | 'html'): string {
  return `${REPORTS_PREFIX}${parseReportId(id)}.${format}`;
}

/** The report id of a key under `reports/` (either format); undefined for anything else. */
export function reportIdOfKey(key: string): ReportId | undefined {
  const match = /^reports\/([^/]+)\.(json|html)$/.exec(key);
  return match && ReportIdSchema.safeParse(match[1]).success ? match[1] : undefined;
}

/** `registry/drift-decisions/<reportId>.json`: the decision taken on one drift check. */
export function driftDecisionKey(id: string): string {
  return `registry/drift-decisions/${parseReportId(id)}.json`;
}

/** `registry/drift-state.json`: what the next drift decision needs from the previous ones. */
export function driftStateKey(): string {
  return 'registry/drift-state.json';
}

/** `alerts/date=YYYY-MM-DD/<receivedId>-<fingerprint>-<status>.json`: one alert as Alertmanager sent it. */
export function alertKey(receivedId: string, fingerprint: string, status: 'firing' | 'resolved'): string {
  const id = parseReportId(receivedId);
  const day = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;
  return `${alertDayPrefix(day)}${id}-${parseAlertFingerprint(fingerprint)}-${status}.json`;
}

/** `alerts/date=YYYY-MM-DD/`: the alerts received on `day` (UTC). */
export function alertDayPrefix(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new InvalidIdError(`expected a day like 2026-12-01, got '${day}'`);
  return `alerts/date=${day}/`;
}

/** `registry/lineage/vNNNN.json`: the lineage of `version`. */
export function lineageKey(version: VersionId): string {
  return `registry/lineage/${parseVersionId(version)}.json`;
}

/** `registry/live-quality/vNNNN.json`: the latest live quality of `version`. */
export function liveQualityKey(version: VersionId): string {
  return `registry/live-quality/${parseVersionId(version)}.json`;
}
