import type { Clock } from '../../shared/ports/clock.js';
import type { TrainingEnvironment } from '../../shared/automl/training/trainModel.js';

/** A Clock the test moves by hand: both readings advance together, only when told. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(start = '2025-01-01T00:00:00.000Z'): ManualClock {
  let time = Date.parse(start);
  return { now: () => new Date(time), monotonicMs: () => time, advance: (ms) => void (time += ms) };
}

/** The engine's environment for tests: a fixed clock and fixed library versions, so runs are reproducible. */
export function testTrainingEnvironment(onEvent?: TrainingEnvironment['onEvent']): TrainingEnvironment {
  return { clock: manualClock(), libraryVersions: { node: 'test' }, ...(onEvent ? { onEvent } : {}) };
}
