import type { z } from 'zod';
import type { ObjectStore } from '../ports/objectStore.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import { sha256Hex } from '../util/sha256.js';
import { tryPut } from './compareAndSwap.js';
import { InvalidArgumentError } from './errors.js';
import { batchSpanOfKey, partitionOf, partitionPrefix, type BatchSpan, type Partition } from './keys.js';
import { predictionIdTime, type PredictionId } from './schemas.js';
import { parseArgument, parseStored } from './storedDocument.js';

/**
 * A time window over prediction times: `from` inclusive, `to` exclusive (`[from, to)`), so
 * consecutive windows never share a prediction. At most `MAX_WINDOW_HOURS` hourly partitions.
 */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/** What a batch write did: objects created, and objects that already held the same content. */
export interface BatchWriteResult {
  readonly written: number;
  readonly alreadyPresent: number;
}

/** A window may span at most this many hourly partitions (a year), one List call each. */
export const MAX_WINDOW_HOURS = 366 * 24;
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
const HOUR_MS = 3_600_000;
const CONCURRENCY = 16;

/** A line of either family: every line belongs to one prediction, whose id carries its time. */
interface PredictionLine {
  readonly prediction_id: PredictionId;
}

/** The lines of a window, one per prediction_id. */
export interface PartitionRead<T> {
  /** One line per prediction_id (which one: the family's `replaces` rule), in the order the ids were first read. */
  readonly records: T[];
  /** Lines left out because another line of the same prediction_id was kept. */
  readonly duplicates: number;
}

/** What makes a family: its key prefix, line schema, object key, and which line of a prediction_id is kept. */
export interface BatchFamily<S extends z.ZodType<PredictionLine>> {
  readonly family: 'predictions' | 'labels';
  readonly schema: S;
  readonly batchKey: (partition: Partition, digest: string, span: BatchSpan) => string;
  /** Whether `next`, read after `current` with the same prediction_id, replaces it. */
  readonly replaces: (current: z.output<S>, next: z.output<S>) => boolean;
}

/**
 * The base of `PredictionLogStore` and `LabelStore`, the write and read path of `predictions/`
 * and `labels/`: lines of one schema, kept as NDJSON objects in hourly partitions (UTC) by the
 * time in each line's `prediction_id`.
 * - write: lines validated, grouped by partition (first-appearance order), one object per
 *   partition, one JSON line per record in the given order, each line ending in `\n`, at
 *   `<partition>/<first>-<last>-<sha256 of the content>.ndjson` (`first`, `last`: its earliest and
 *   latest prediction time) with If-None-Match `*`: the same lines written again make the same
 *   key, a no-op (`alreadyPresent`);
 * - read: every object of the partitions overlapping the window whose span overlaps it (a key
 *   without a span is read; partitions in time order, keys sorted, lines in order), each line parsed with the schema (CorruptObjectError naming the key
 *   and the 1-based line), keeping the lines whose prediction time is in the window, one per
 *   prediction_id by the family's `replaces` rule.
 */
export class PartitionedBatches<S extends z.ZodType<PredictionLine>> {
  constructor(
    private readonly store: ObjectStore,
    private readonly spec: BatchFamily<S>,
  ) {}

  /** One NDJSON object per partition the lines fall in; InvalidArgumentError (before any write) for a line that does not match the schema. */
  async writeBatch(lines: readonly z.input<S>[]): Promise<BatchWriteResult> {
    const { family, schema, batchKey } = this.spec;
    const parsed: z.output<S>[] = lines.map((line, i) => parseArgument(schema, line, `${family} batch record ${i}`));
    const groups = new Map<string, { partition: Partition; lines: string[]; first: number; last: number }>();
    for (const line of parsed) {
      const time = predictionIdTime(line.prediction_id).getTime();
      const partition = partitionOf(new Date(time));
      const id = `${partition.date}/${partition.hour}`;
      const group = groups.get(id) ?? { partition, lines: [], first: time, last: time };
      group.lines.push(`${JSON.stringify(line)}\n`);
      group.first = Math.min(group.first, time);
      group.last = Math.max(group.last, time);
      groups.set(id, group);
    }
    const created = await mapWithConcurrency([...groups.values()], CONCURRENCY, ({ partition, lines: text, first, last }) => {
      const content = text.join('');
      return tryPut(this.store, batchKey(partition, sha256Hex(content), { first, last }), content, { ifNoneMatch: '*', contentType: NDJSON_CONTENT_TYPE });
    });
    const written = created.filter(Boolean).length;
    return { written, alreadyPresent: created.length - written };
  }

  /** One line per prediction_id whose time is in `[from, to)`. */
  async read(window: TimeWindow): Promise<PartitionRead<z.output<S>>> {
    const lines = await this.readLines(window.from.getTime(), window.to.getTime());
    const kept = new Map<string, z.output<S>>();
    for (const line of lines) {
      const current = kept.get(line.prediction_id);
      if (current === undefined || this.spec.replaces(current, line)) kept.set(line.prediction_id, line);
    }
    return { records: [...kept.values()], duplicates: lines.length - kept.size };
  }

  /**
   * The keys of the objects that may hold lines of `[from, to)`: those of the overlapping hourly
   * partitions whose span overlaps the window (a key without a span is kept), in partition order,
   * sorted within each. Objects are immutable (content-addressed), so a key read once may be cached.
   */
  async keysOverlapping(window: TimeWindow): Promise<string[]> {
    const from = window.from.getTime();
    const to = window.to.getTime();
    const listed = (await mapWithConcurrency(partitionsOverlapping(from, to), CONCURRENCY, (p) => this.store.list(partitionPrefix(this.spec.family, p)))).flat();
    return listed.filter((key) => {
      const span = batchSpanOfKey(key);
      return span === undefined || (span.last >= from && span.first < to);
    });
  }

  /** Every line of one batch object, in order ([] when it is gone); CorruptObjectError names the key and the 1-based line. */
  async readObject(key: string): Promise<z.output<S>[]> {
    const object = await this.store.get(key);
    return object === undefined ? [] : parseLines(this.spec.schema, object.body, key);
  }

  private async readLines(from: number, to: number): Promise<z.output<S>[]> {
    const keys = await this.keysOverlapping({ from: new Date(from), to: new Date(to) });
    const objects = await mapWithConcurrency(keys, CONCURRENCY, (key) => this.readObject(key));
    return objects.flatMap((lines) => lines.filter((line) => inWindow(predictionIdTime(line.prediction_id).getTime(), from, to)));
  }
}

/** The hourly partitions that hold times in `[from, to)`, in time order. */
function partitionsOverlapping(from: number, to: number): Partition[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new InvalidArgumentError(`invalid window: from must be a time at or before to`);
  }
  const first = Math.floor(from / HOUR_MS) * HOUR_MS;
  if ((to - first) / HOUR_MS > MAX_WINDOW_HOURS) throw new InvalidArgumentError(`invalid window: more than ${MAX_WINDOW_HOURS} hours`);
  const partitions: Partition[] = [];
  for (let hour = first; hour < to; hour += HOUR_MS) partitions.push(partitionOf(new Date(hour)));
  return partitions;
}

function inWindow(time: number, from: number, to: number): boolean {
  return time >= from && time < to;
}

/** Every line of an NDJSON object (the final newline ends the last line), parsed with `schema`. */
function parseLines<S extends z.ZodType>(schema: S, body: string, key: string): z.output<S>[] {
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, i) => parseStored(schema, line, `${key} line ${i + 1}`));
}
