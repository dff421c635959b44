import type { Clock } from '../../ports/clock.js';

/**
 * The run's time budget (`--time-budget <s>`), on the injected clock. A candidate is judged
 * before it starts (nothing left: skipped) and after its first fold, when its cost is known:
 * the remaining fits (the other folds of every parameter set, the train-split fit and the
 * refit) are projected at the first fold's time each, and the candidate is skipped when the
 * projection exceeds what is left. The first candidate of the run is never skipped, so a run
 * always ships a model (FLAML and AutoGluon likewise return the best found so far).
 */
export class TimeBudget {
  private readonly startedMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly seconds: number | undefined,
  ) {
    this.startedMs = clock.monotonicMs();
  }

  elapsedSeconds(): number {
    return (this.clock.monotonicMs() - this.startedMs) / 1000;
  }

  /** Why a candidate may not start now, or undefined. */
  refuseStart(firstCandidate: boolean): string | undefined {
    if (this.seconds === undefined || firstCandidate) return undefined;
    const elapsed = this.elapsedSeconds();
    if (elapsed < this.seconds) return undefined;
    return `time budget of ${this.seconds} s spent (${elapsed.toFixed(1)} s elapsed) before it started`;
  }

  /** Why a candidate whose first fold took `foldSeconds` should stop, with `fitsLeft` fits to go, or undefined. */
  refuseRest(firstCandidate: boolean, foldSeconds: number, fitsLeft: number): string | undefined {
    if (this.seconds === undefined || firstCandidate) return undefined;
    const left = this.seconds - this.elapsedSeconds();
    const projected = foldSeconds * fitsLeft;
    if (projected <= left) return undefined;
    return `projected ${projected.toFixed(1)} s for its ${fitsLeft} remaining fits (first fold ${foldSeconds.toFixed(2)} s) exceeds the ${Math.max(0, left).toFixed(1)} s left of the ${this.seconds} s time budget`;
  }
}
