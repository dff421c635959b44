import { performance } from 'node:perf_hooks';
import type { Clock } from '../ports/clock.js';

/** The process's clock: `Date` for timestamps, `performance.now()` for durations. */
export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};
