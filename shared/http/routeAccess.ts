import type { HttpRequest, HttpResponse } from '../events/httpApiEvent.js';
import { requireApiKey } from './apiKey.js';
import { PayloadTooLargeError } from './errors.js';

/**
 * Every HTTP route declares who may call it and how large a body it takes, in one place:
 * `adminRoute` (the API key, compared in constant time, then the body limit) or `publicRoute`
 * (the body limit alone). Each limit is named by its setting, so a 413 says which one to raise:
 * - `ALM_MAX_BODY_BYTES`: `POST /predict`, `POST /feedback` (1 MiB);
 * - `ALM_MAX_INGEST_BYTES`: `POST /ingest`, a labeled CSV (large but finite: 5 MiB, leaving room for
 *   the event envelope under AWS Lambda's 6 MB payload limit; serverless-offline refuses past 10 MB
 *   before the function);
 * - `ALM_MAX_CONTROL_BODY_BYTES`: every other route, admin JSON bodies and GETs (256 KiB).
 * The size is that of the raw body as received (before base64 decoding, which only shrinks it).
 */
export type BodyLimitName = 'ALM_MAX_BODY_BYTES' | 'ALM_MAX_INGEST_BYTES' | 'ALM_MAX_CONTROL_BODY_BYTES';

/** A route's handler: the request, and the values of its `{name}` path segments (as `shared/edge/httpRoutes.ts`). */
export type RouteHandler = (request: HttpRequest, params: Readonly<Record<string, string>>) => Promise<HttpResponse>;

export interface GuardedRoute {
  readonly admin: boolean;
  readonly bodyLimit: BodyLimitName;
  readonly handle: RouteHandler;
}

/** What the guards read per request: the container's API key (run time, cached) and the limits' values. */
export interface RouteGuards {
  readonly apiKey: () => Promise<string | undefined>;
  readonly bodyLimits: Readonly<Record<BodyLimitName, number>>;
}

export function adminRoute(bodyLimit: BodyLimitName, handle: RouteHandler): GuardedRoute {
  return { admin: true, bodyLimit, handle };
}

export function publicRoute(bodyLimit: BodyLimitName, handle: RouteHandler): GuardedRoute {
  return { admin: false, bodyLimit, handle };
}

/** The route table `httpRoutes` takes, each route behind its guards (`guards` is called per request, lazily). */
export function guardRoutes(table: Readonly<Record<string, GuardedRoute>>, guards: () => RouteGuards): Readonly<Record<string, RouteHandler>> {
  return Object.fromEntries(
    Object.entries(table).map(([key, route]) => [
      key,
      async (request: HttpRequest, params: Readonly<Record<string, string>>) => {
        const { apiKey, bodyLimits } = guards();
        if (route.admin) requireApiKey(request, await apiKey());
        checkBodyLimit(key, Buffer.byteLength(request.body), route.bodyLimit, bodyLimits[route.bodyLimit]);
        return route.handle(request, params);
      },
    ]),
  );
}

/** PayloadTooLargeError (413) naming the route, the size, the limit and its setting. */
export function checkBodyLimit(route: string, bytes: number, name: BodyLimitName, limit: number): void {
  if (bytes > limit) throw new PayloadTooLargeError(`the body of ${route} is ${bytes} bytes; at most ${limit} are accepted (${name})`);
}
