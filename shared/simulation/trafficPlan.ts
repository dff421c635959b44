import { createRandom, type Random } from '../automl/util/random.js';

export type Phase = 'stationary' | 'drifted';

/** What to replay: the CSV's size, the pace, the phases and the seed. */
export interface TrafficPlanOptions {
  readonly rows: number;
  /** Requests per second. */
  readonly rate: number;
  /** Records per request. */
  readonly batch: number;
  readonly stationarySeconds: number;
  readonly driftedSeconds: number;
  /** Share (0..1) of the records whose ground truth is sent back. */
  readonly feedbackShare: number;
  readonly seed: number;
  /** Sampling weights per row in the drifted phase (`--frequencies`); uniform when absent. */
  readonly driftedRowWeights?: ArrayLike<number>;
}

/** One request: when it is due (seconds from the start), its phase, its rows and which of them get feedback. */
export interface PlannedRequest {
  readonly index: number;
  readonly at: number;
  readonly phase: Phase;
  readonly rows: readonly number[];
  readonly feedback: readonly boolean[];
}

export interface TrafficPlan {
  /** Requests of each phase and in all. */
  readonly stationaryRequests: number;
  readonly driftedRequests: number;
  readonly total: number;
  /** The drift onset, in seconds from the start (= the stationary duration). */
  readonly onset: number;
  /** The requests in order; the same seed gives the same sequence. */
  requests(): Generator<PlannedRequest>;
}

/**
 * Which row is sent when. Conventions:
 * - `round(rate × stationary)` requests, then `round(rate × drifted)`; request k of a phase is
 *   due k / rate seconds after the phase starts, so the drifted phase starts exactly at the onset;
 * - each request carries `batch` rows drawn with replacement: uniformly while stationary, by the
 *   row weights once drifted (uniform without `--frequencies`);
 * - each record gets feedback with probability `feedbackShare`;
 * - rows and feedback come from two mulberry32 streams seeded from `seed`, so changing the
 *   feedback share does not change the rows sent.
 */
export function trafficPlan(options: TrafficPlanOptions): TrafficPlan {
  const { rate, batch, stationarySeconds, driftedSeconds } = options;
  const stationaryRequests = Math.round(rate * stationarySeconds);
  const driftedRequests = Math.round(rate * driftedSeconds);
  const total = stationaryRequests + driftedRequests;
  return {
    stationaryRequests,
    driftedRequests,
    total,
    onset: stationarySeconds,
    *requests() {
      const rowRandom = createRandom(options.seed);
      const feedbackRandom = createRandom((options.seed ^ 0x9e3779b9) >>> 0);
      const uniform = () => Math.floor(rowRandom() * options.rows);
      const drifted = options.driftedRowWeights ? weightedSampler(options.driftedRowWeights, rowRandom) : uniform;
      for (let index = 0; index < total; index++) {
        const phase: Phase = index < stationaryRequests ? 'stationary' : 'drifted';
        const at = phase === 'stationary' ? index / rate : stationarySeconds + (index - stationaryRequests) / rate;
        const draw = phase === 'stationary' ? uniform : drifted;
        const rows = Array.from({ length: batch }, draw);
        const feedback = rows.map(() => feedbackRandom() < options.feedbackShare);
        yield { index, at, phase, rows, feedback };
      }
    },
  };
}

/** Draws an index with probability proportional to its weight (cumulative sums, binary search). */
export function weightedSampler(weights: ArrayLike<number>, random: Random): () => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) cumulative[i] = sum += weights[i];
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
