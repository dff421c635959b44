/**
 * "Memory stays flat", as one rule over serverless-offline's resident set (processMemory.ts),
 * sampled every second. Under steady load the RSS is a sawtooth, not a line: each worker
 * thread's V8 heap grows with garbage until a major GC (measured here: 550 → 820 MiB and back,
 * about once a minute, with no change in traffic), so one reading at the end against one after
 * warm-up compares two random points of the saw. The rule compares crests instead:
 *
 *   end peak ≤ warm-up peak × 1.2 + 20 MiB
 *
 * where the warm-up peak is the highest sample of the warm-up run (its workers started, code
 * compiled, heaps grown) and the end peak the highest sample of the last 20% of the measured
 * run. A leak lifts every crest; GC timing does not. The factor absorbs heap sizing that V8
 * scales with the live size, the slack the prediction log's buffer (it moves with the SQS send
 * timing) and allocator arenas. The same rule holds for `RssAnon` (the heaps and buffers alone).
 * Pure.
 */
import type { MemorySample } from './processMemory.js';

export interface FlatRule {
  readonly factor: number;
  readonly slackBytes: number;
  /** The share of the measured run, at its end, whose highest sample is the end peak. */
  readonly endShare: number;
}

export const FLAT_RULE: FlatRule = { factor: 1.2, slackBytes: 20 * 1024 * 1024, endShare: 0.2 };

export interface MemoryFigures {
  /** One reading before any load. */
  readonly start: MemorySample;
  /** One reading right after the warm-up. */
  readonly afterWarmUp: MemorySample;
  /** One reading at the end of the measured run. */
  readonly end: MemorySample;
  readonly warmUpPeak: MemorySample;
  readonly endPeak: MemorySample;
  /** The measured run's samples. */
  readonly samples: readonly MemorySample[];
}

/** The highest RSS and the highest anonymous RSS of `samples` (at: when the RSS was highest). */
function peakOf(samples: readonly MemorySample[]): MemorySample {
  const rss = samples.reduce((max, s) => (s.rssBytes > max.rssBytes ? s : max), samples[0]);
  return { at: rss.at, rssBytes: rss.rssBytes, anonBytes: Math.max(...samples.map((s) => s.anonBytes)) };
}

export function memoryFigures(start: MemorySample, warmUp: readonly MemorySample[], run: readonly MemorySample[], rule: FlatRule = FLAT_RULE): MemoryFigures {
  if (warmUp.length === 0 || run.length === 0) throw new Error('no memory samples');
  const endWindow = run.slice(Math.min(run.length - 1, Math.floor(run.length * (1 - rule.endShare))));
  return { start, afterWarmUp: warmUp[warmUp.length - 1], end: run[run.length - 1], warmUpPeak: peakOf(warmUp), endPeak: peakOf(endWindow), samples: run };
}

export interface FlatVerdict {
  readonly limitBytes: number;
  readonly flat: boolean;
}

export function flatMemory(warmUpPeakBytes: number, endPeakBytes: number, rule: FlatRule = FLAT_RULE): FlatVerdict {
  const limitBytes = warmUpPeakBytes * rule.factor + rule.slackBytes;
  return { limitBytes, flat: endPeakBytes <= limitBytes };
}
