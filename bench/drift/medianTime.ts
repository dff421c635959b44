/** The timing rule of bench:drift: one unmeasured warm-up call, then the median wall seconds of `runs` calls. */
import { median, seconds } from '../support/timing.js';

export function medianSeconds<T>(fn: () => T, runs: number): { seconds: number; result: T } {
  let result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = seconds(fn);
    times.push(run.seconds);
    result = run.result;
  }
  return { seconds: median(times), result };
}
