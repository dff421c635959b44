/** The clock the pacer runs on: a monotonic now in ms and a sleep (timers in the CLI, fakes in tests). */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface PaceOptions<T> {
  /** When the first item is due (`clock.now()` units). */
  readonly startMs: number;
  /** Most sends in flight at once. */
  readonly concurrency: number;
  readonly clock: PacerClock;
  /** Sends one item; must not reject (count failures inside). */
  readonly send: (item: T, lagMs: number) => Promise<void>;
  /** Checked before each item: true stops the run early (in-flight sends still finish). */
  readonly stopped?: () => boolean;
}

/**
 * Sends items at their due time, `startMs + item.at × 1000`, with at most `concurrency` in
 * flight. An async scheduler: it sleeps until the next item is due (no busy loop) and computes
 * every due time from the start, so timer slack does not add up. When the far side is slower
 * than the pace, an item waits for a free slot and starts late (`lagMs`, its start minus its due
 * time); items are never dropped, the run lasts longer. Resolves when every send has settled.
 */
export async function pace<T extends { readonly at: number }>(items: Iterable<T>, options: PaceOptions<T>): Promise<void> {
  const { clock, concurrency } = options;
  const inFlight = new Set<Promise<void>>();
  for (const item of items) {
    if (options.stopped?.()) break;
    const due = options.startMs + item.at * 1000;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const sending = options.send(item, Math.max(0, clock.now() - due)).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }
  await Promise.all(inFlight);
}
