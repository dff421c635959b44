/**
 * One bounded load run with autocannon's programmatic API: `amount` requests of `POST /predict`
 * over `connections` keep-alive connections on loopback (no pipelining, a 10-s timeout), each
 * request's body the next of `bodies`. Every answer is kept as (time received, status, the
 * `model_version` and prediction ids of its body): a 2xx whose body is not a prediction (such as
 * serverless-offline's `{errorType: "LambdaTimeoutError"}` with a 200) counts as bad. `midway`
 * runs once when `afterResponses` answers have come (the load goes on meanwhile). Latency
 * percentiles are autocannon's (HdrHistogram, ms); throughput is answers over the run's duration.
 */
import { createRequire } from 'node:module';

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
  body?: string;
}
interface AutocannonResult {
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly duration: number;
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

// autocannon is CommonJS and ships no types: required, and typed by the interfaces above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface Answer {
  readonly at: number;
  readonly status: number;
  /** null: not a prediction answer. */
  readonly version: string | null;
  readonly ids: readonly string[];
}

export interface LoadRunOptions {
  readonly amount: number;
  readonly connections: number;
  readonly bodies: readonly string[];
  /** At most this many requests per second over all connections (autocannon's `overallRate`); none by default. */
  readonly overallRate?: number;
  readonly midway?: { readonly afterResponses: number; readonly action: () => Promise<void> };
}

export interface LoadRun {
  readonly answers: Answer[];
  readonly requests: number;
  readonly non2xx: number;
  /** 2xx answers whose body was not a prediction. */
  readonly badBodies: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The midway action's own promise (awaited by `runLoad` before it returns). */
  readonly midwayError: unknown;
}

function answerOf(status: number, body: string): Answer {
  const at = Date.now();
  try {
    const json = JSON.parse(body) as { model_version?: unknown; predictions?: { prediction_id?: unknown }[] };
    if (typeof json.model_version !== 'string' || !Array.isArray(json.predictions)) return { at, status, version: null, ids: [] };
    return { at, status, version: json.model_version, ids: json.predictions.map((p) => String(p.prediction_id)) };
  } catch {
    return { at, status, version: null, ids: [] };
  }
}

export async function runLoad(apiUrl: string, options: LoadRunOptions): Promise<LoadRun> {
  const url = new URL('/predict', apiUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`load only on loopback, not ${url.hostname}`);
  const answers: Answer[] = [];
  let next = 0;
  let midway: Promise<unknown> | undefined;
  const result = await autocannon({
    url: url.origin,
    connections: options.connections,
    amount: options.amount,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/predict',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: AutocannonRequest) => ({ ...request, body: options.bodies[next++ % options.bodies.length] }),
        onResponse: (status: number, body: string) => {
          answers.push(answerOf(status, body));
          if (options.midway && answers.length === options.midway.afterResponses) midway = options.midway.action().then(() => undefined, (error: unknown) => error ?? 'midway failed');
        },
      },
    ],
  });
  const midwayError = midway ? await midway : options.midway ? 'the midway action never ran' : undefined;
  const ok = answers.filter((a) => a.status >= 200 && a.status < 300);
  return {
    answers,
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    badBodies: ok.filter((a) => a.version === null).length,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    seconds: result.duration,
    requestsPerSecond: answers.length / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    midwayError,
  };
}
