import type { z } from 'zod';
import type { HttpRequest } from '../events/httpApiEvent.js';
import { parseJson } from '../util/parseJson.js';
import { InvalidRequestError } from './errors.js';

/** A header, case-insensitively (HTTP APIs lower-case them; be lenient anyway). */
export function header(request: HttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The body as text (base64 decoded when flagged: API Gateway does so for binary content types). */
export function bodyText(request: HttpRequest): string {
  return request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
}

/**
 * The JSON body validated by `schema`; an empty body counts as `{}`. Not JSON, or not matching,
 * is an InvalidRequestError ("the body does not match its schema: version: …; reason: …").
 */
export function jsonBody<S extends z.ZodType>(request: HttpRequest, schema: S): z.output<S> {
  const text = bodyText(request).trim();
  return parseJson(text === '' ? '{}' : text, schema, (why, cause) => new InvalidRequestError(`the body ${why}`, { cause }));
}
