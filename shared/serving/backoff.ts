import type { RetryPolicy } from '../registry/compareAndSwap.js';

/**
 * Full-jitter exponential backoff (the registry's RetryPolicy shape): the wait after the
 * `attempt`-th failure (1-based) is uniformly random below min(maxDelayMs, baseDelayMs · 2^(attempt − 1)).
 * `random` is injectable for tests.
 */
export function backoffDelayMs(policy: Omit<RetryPolicy, 'attempts'>, attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}
