/** Timing helpers: the median of N measurements, and the wall seconds of one call. */
import { performance } from 'node:perf_hooks';

export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function seconds<T>(fn: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}
