import { z } from 'zod';

/**
 * The part of an API Gateway REST (`http` event, payload 1.0) proxy event the handlers read,
 * as Powertools' parser envelopes do: parse at the edge, typed from here on.
 */
export const ApiGatewayEventSchema = z.object({
  httpMethod: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string().optional()).nullish(),
  queryStringParameters: z.record(z.string(), z.string().optional()).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().nullish(),
});
export type ApiGatewayEvent = z.infer<typeof ApiGatewayEventSchema>;

/** The proxy result. */
export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A header, case-insensitively. */
export function header(event: ApiGatewayEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The body as text (base64 decoded when flagged). */
export function bodyText(event: ApiGatewayEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
