import { z } from 'zod';

/**
 * An API Gateway HTTP API event (`httpApi`, payload 2.0), parsed at the edge as Powertools'
 * parser envelopes do, and normalized to what the handlers read.
 */
export const ApiGatewayEventSchema = z
  .object({
    rawPath: z.string(),
    requestContext: z.object({ http: z.object({ method: z.string() }) }),
    headers: z.record(z.string(), z.string().optional()).nullish(),
    queryStringParameters: z.record(z.string(), z.string().optional()).nullish(),
    body: z.string().nullish(),
    isBase64Encoded: z.boolean().nullish(),
  })
  .transform((e) => ({
    method: e.requestContext.http.method.toUpperCase(),
    path: e.rawPath,
    headers: e.headers ?? {},
    query: e.queryStringParameters ?? {},
    body: e.body ?? '',
    isBase64Encoded: e.isBase64Encoded ?? false,
  }));
export type ApiGatewayEvent = z.infer<typeof ApiGatewayEventSchema>;

/** The proxy result. */
export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A header, case-insensitively (HTTP APIs lower-case them; be lenient anyway). */
export function header(event: ApiGatewayEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The body as text (base64 decoded when flagged: API Gateway does so for binary content types). */
export function bodyText(event: ApiGatewayEvent): string {
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
