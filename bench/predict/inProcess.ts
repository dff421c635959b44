/**
 * The in-process handler: `handler` of functions/predict.ts (compiled into dist) called directly
 * in this process, with the environment serverless-offline gives its workers (the running
 * stack's AWS endpoint, so its runtime loads the same production model from the registry, and
 * the prediction log in background mode, as under serverless-offline), on HTTP API 2.0 events
 * built as test/support/events.ts `httpEvent` builds them. What it measures is our code alone:
 * envelope parsing, validation, prediction, log buffering, JSON, with no HTTP server around it.
 * Probes fail on any status but 200; latency figures come from latency.ts (nearest-rank).
 */
import { LOCAL_CREDENTIALS } from '../../shared/aws/awsConfig.js';
import { RESOURCES } from '../../shared/config/resources.js';
import type { Probe } from './latency.js';

/** An HTTP API (payload 2.0) event, as serverless-offline sends it (same shape as test/support/events.ts). */
export function httpEvent(method: string, path: string, body = '', headers: Record<string, string> = {}) {
  return { version: '2.0', routeKey: `${method} ${path}`, rawPath: path, requestContext: { http: { method, path } }, headers, body, isBase64Encoded: false };
}

export interface InProcessHandler {
  probe(method: string, path: string, body?: string): Probe;
  /** Sends what the prediction log still holds (so nothing is lost when the stack stops). */
  drain(): Promise<void>;
}

/** Points this process at `awsEndpoint` as serverless-offline's workers are, then loads the handler. */
export async function loadInProcessHandler(awsEndpoint: string, apiKey: string): Promise<InProcessHandler> {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: awsEndpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: RESOURCES.region,
    AWS_DEFAULT_REGION: RESOURCES.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    ALM_API_KEY: apiKey,
    ALM_MODEL_CHECK_SECONDS: '5',
    ALM_LOG_FLUSH: process.env.ALM_LOG_FLUSH || 'background',
  });
  const { handler } = await import('../../functions/predict.js');
  const { runtime } = await import('../../shared/runtime/runtime.js');
  return {
    probe(method, path, body = '') {
      const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
      return async () => {
        // a fresh event per call: the handler may not rely on reusing one
        const response = (await handler(httpEvent(method, path, body, headers))) as { statusCode: number; body: string };
        if (response.statusCode !== 200) throw new Error(`in-process ${method} ${path} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      };
    },
    drain: () => runtime().predictionLog.drain(),
  };
}
