import type { z } from 'zod';
import type { HttpRequest } from '../events/httpApiEvent.js';
import { formatZodIssues } from '../util/formatZodIssues.js';
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
 * is an InvalidRequestError naming every issue.
 */
export function jsonBody<S extends z.ZodType>(request: HttpRequest, schema: S): z.output<S> {
  const text = bodyText(request).trim();
  let value: unknown = {};
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new InvalidRequestError('the body is not valid JSON', { cause });
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidRequestError(formatZodIssues(parsed.error), { cause: parsed.error });
  return parsed.data;
}
