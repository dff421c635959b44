import { MetricsUnavailableError } from './errors.js';
import { TrafficPointSchema, type TrafficPoint } from './trafficHistory.js';
import { z } from 'zod';

/** How long the API waits for the sidecar. */
export const SIDECAR_TIMEOUT_MS = 2000;

/** The sidecar's exposition, as the API relays it on `GET /metrics`. */
export interface Exposition {
  readonly contentType: string;
  readonly body: string;
}

/**
 * What the API reads from the metrics sidecar at `url` (`ALM_METRICS_URL`): its exposition and
 * its traffic history. MetricsUnavailableError (503) when no sidecar is configured or it does not
 * answer within `SIDECAR_TIMEOUT_MS`.
 */
export class SidecarClient {
  constructor(private readonly url: string | undefined) {}

  async exposition(): Promise<Exposition> {
    const response = await this.get('/metrics');
    return { contentType: response.headers.get('content-type') ?? 'text/plain; version=0.0.4', body: await response.text() };
  }

  async traffic(): Promise<TrafficPoint[]> {
    const response = await this.get('/traffic');
    return z.object({ points: z.array(TrafficPointSchema) }).parse(await response.json()).points;
  }

  private async get(path: string): Promise<Response> {
    if (!this.url) throw new MetricsUnavailableError('no metrics sidecar is configured (ALM_METRICS_URL)');
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(SIDECAR_TIMEOUT_MS) });
    } catch (cause) {
      throw new MetricsUnavailableError(`the metrics sidecar at ${this.url} does not answer`, { cause });
    }
    if (!response.ok) throw new MetricsUnavailableError(`the metrics sidecar answered ${response.status} for ${path}`);
    return response;
  }
}
