import type { z } from 'zod';
import { formatZodIssues } from '../util/formatZodIssues.js';
import { parseJson } from '../util/parseJson.js';
import { CorruptObjectError, InvalidArgumentError } from './errors.js';

/**
 * How the registry writes and reads its JSON documents: two-space indentation and a final
 * newline (like the training artifacts); every read is parsed with the document's schema.
 */
export const JSON_CONTENT_TYPE = 'application/json';

/** The stored text of a document. */
export function toStoredJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A stored document's text parsed with `schema`; CorruptObjectError naming `key` when it is not JSON or does not match. */
export function parseStored<S extends z.ZodType>(schema: S, body: string, key: string): z.output<S> {
  return parseJson(body, schema, (why, cause) => new CorruptObjectError(`${key} ${why}`, { cause }));
}

/** A caller's argument parsed with `schema`; InvalidArgumentError naming every issue. */
export function parseArgument<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidArgumentError(`invalid ${what}: ${formatZodIssues(result.error)}`, { cause: result.error });
}
