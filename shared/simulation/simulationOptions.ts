import { UsageError } from '../edge/usageError.js';

/** The pace and shape of a simulation, from the flags of the same names. */
export interface SimulationOptions {
  /** Requests per second. */
  readonly rate: number;
  /** Records per request. */
  readonly batch: number;
  /** Seconds of stationary traffic, then of drifted traffic. */
  readonly stationary: number;
  readonly drifted: number;
  /** Share of predictions whose label is sent back. */
  readonly feedback: number;
  readonly seed: number;
  /** Seconds between two looks at /status, /reports and /health. */
  readonly poll: number;
  /** Most requests in flight. */
  readonly concurrency: number;
}

interface Rule {
  readonly fallback: number;
  readonly valid: (value: number) => boolean;
  readonly expected: string;
}

const between = (lo: number, hi: number) => (v: number) => v >= lo && v <= hi;
const integer = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Defaults and ranges (the batch limit is the service's `ALM_MAX_RECORDS` default, 1,000). */
export const SIMULATION_OPTION_RULES: Readonly<Record<keyof SimulationOptions, Rule>> = {
  rate: { fallback: 50, valid: (v) => v > 0 && v <= 10_000, expected: 'a number of requests per second > 0 and ≤ 10000' },
  batch: { fallback: 1, valid: integer(1, 1000), expected: 'an integer from 1 to 1000' },
  stationary: { fallback: 120, valid: between(0, 86_400), expected: 'seconds from 0 to 86400' },
  drifted: { fallback: 240, valid: between(0, 86_400), expected: 'seconds from 0 to 86400' },
  feedback: { fallback: 0.5, valid: between(0, 1), expected: 'a share from 0 to 1' },
  seed: { fallback: 42, valid: integer(0, 0xffffffff), expected: 'an integer from 0 to 4294967295' },
  poll: { fallback: 5, valid: between(0.1, 3600), expected: 'seconds from 0.1 to 3600' },
  concurrency: { fallback: 16, valid: integer(1, 256), expected: 'an integer from 1 to 256' },
};

/**
 * The options from their flag texts (absent: the default). A text that is not a number in range
 * is a UsageError naming the flag, the range and the text; so is a run with no request at all
 * (`round(rate × (stationary + drifted))` = 0).
 */
export function parseSimulationOptions(texts: Partial<Record<keyof SimulationOptions, string | undefined>>): SimulationOptions {
  const entries = Object.entries(SIMULATION_OPTION_RULES).map(([name, rule]) => {
    const text = texts[name as keyof SimulationOptions];
    if (text === undefined) return [name, rule.fallback];
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || !rule.valid(value)) throw new UsageError(`--${name} must be ${rule.expected}; got '${text}'`);
    return [name, value];
  });
  const options = Object.fromEntries(entries) as SimulationOptions;
  if (Math.round(options.rate * options.stationary) + Math.round(options.rate * options.drifted) === 0) {
    throw new UsageError('nothing to send: --rate × (--stationary + --drifted) rounds to 0 requests');
  }
  return options;
}
