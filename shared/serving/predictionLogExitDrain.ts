import { isMainThread } from 'node:worker_threads';
import type { PredictionLog } from './predictionLog.js';

/** The part of `process` the exit drain uses (a fake in tests). */
export interface ExitEvents {
  readonly pid: number;
  on(event: string, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: string, listener: (signal: NodeJS.Signals) => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

export interface ExitDrainOptions {
  readonly process?: ExitEvents;
  /** Default: SIGTERM. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Default: `isMainThread`. Signals are never delivered to a worker thread, so none is listened to there. */
  readonly mainThread?: boolean;
}

/**
 * Drains `log` before a long-lived process ends; returns the function that removes the listeners.
 * - `beforeExit` (the event loop ran empty; also emitted inside a worker thread whose loop
 *   empties): drains when records are held. The drain's own timer keeps the loop alive until it
 *   is done or `drainTimeoutMs` passed; then the loop empties again and, nothing held, the process exits.
 * - On the main thread, `SIGTERM` (or `signals`): drains, then, when no other listener took the
 *   signal, removes its own and raises the signal again, so the process ends as it would have
 *   (exit by the signal). Another listener, such as a server's shutdown, decides the exit instead.
 * What no hook can cover: `process.exit()`, SIGKILL, and `worker.terminate()`. serverless-offline
 * runs handlers in worker threads, keeps them alive with a message port (so `beforeExit` never
 * fires there) and ends them with `terminate()`, which runs no JavaScript. There, the background
 * mode's `maxAgeMs` timer is what bounds the loss: records are sent within `maxAgeMs` of their
 * append (plus retries), while an idle worker lives on for an hour.
 */
export function installExitDrain(log: Pick<PredictionLog, 'drain' | 'stats'>, options: ExitDrainOptions = {}): () => void {
  const events: ExitEvents = options.process ?? process;
  const signals = (options.mainThread ?? isMainThread) ? (options.signals ?? ['SIGTERM']) : [];
  let draining: Promise<void> | undefined;
  const drainOnce = () => (draining ??= log.drain().finally(() => (draining = undefined)));
  const beforeExit = () => {
    if (log.stats().heldRecords > 0) void drainOnce();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void drainOnce().then(() => {
      if (events.listenerCount(signal) > 1) return;
      events.off(signal, onSignal);
      events.kill(events.pid, signal);
    });
  };
  events.on('beforeExit', beforeExit);
  for (const signal of signals) events.on(signal, onSignal);
  return () => {
    events.off('beforeExit', beforeExit);
    for (const signal of signals) events.off(signal, onSignal);
  };
}
