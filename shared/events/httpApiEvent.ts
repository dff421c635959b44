import { z } from 'zod';

/**
 * The HTTP API event envelope (API Gateway `httpApi`, payload format 2.0, as serverless-offline
 * also sends it), recognised by `version: "2.0"` and `requestContext.http`, and normalized to
 * the request the routes read: upper-case method, raw path, headers, query, body.
 */
export const HttpApiEventSchema = z
  .object({
    version: z.literal('2.0'),
    rawPath: z.string(),
    /** `"POST /predict"`, `"GET /versions/{version}"`: the route as declared (absent in hand-made events). */
    routeKey: z.string().nullish(),
    requestContext: z.object({ http: z.object({ method: z.string() }) }),
    headers: z.record(z.string(), z.string().optional()).nullish(),
    queryStringParameters: z.record(z.string(), z.string().optional()).nullish(),
    body: z.string().nullish(),
    isBase64Encoded: z.boolean().nullish(),
  })
  .transform((e) => ({
    method: e.requestContext.http.method.toUpperCase(),
    path: e.rawPath,
    /** The declared route's path (`/versions/{version}`), else the raw path: the metrics' `route` label. */
    route: routePath(e.routeKey) ?? e.rawPath,
    headers: e.headers ?? {},
    query: e.queryStringParameters ?? {},
    body: e.body ?? '',
    isBase64Encoded: e.isBase64Encoded ?? false,
  }));
export type HttpRequest = z.infer<typeof HttpApiEventSchema>;

function routePath(routeKey: string | null | undefined): string | undefined {
  const path = routeKey?.split(' ')[1];
  return path?.startsWith('/') ? path : undefined;
}

/** The proxy result a route returns. */
export const HttpResponseSchema = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type HttpResponse = z.infer<typeof HttpResponseSchema>;
