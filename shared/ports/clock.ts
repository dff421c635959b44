/**
 * The clock port. The core never reads the time itself: it is handed a Clock.
 * - `now()`: wall-clock time, for timestamps written to documents;
 * - `monotonicMs()`: a monotonic millisecond counter, for durations only (its origin is arbitrary).
 * The process adapter is `systemClock` (shared/platform); tests pass a manual clock.
 */
export interface Clock {
  now(): Date;
  monotonicMs(): number;
}
