import type { z } from 'zod';
import { formatZodIssues } from './formatZodIssues.js';

/**
 * JSON text parsed and validated by `schema`, the one way every area reads JSON it did not
 * build itself (stored documents, queue messages, request bodies, model artifacts). A failure
 * calls `fail` with what went wrong, `is not valid JSON` or `does not match its schema: <issues>`,
 * and the cause, so each area throws its own typed error.
 */
export function parseJson<S extends z.ZodType>(text: string, schema: S, fail: (why: string, cause: unknown) => Error): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw fail('is not valid JSON', cause);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fail(`does not match its schema: ${formatZodIssues(parsed.error)}`, parsed.error);
  return parsed.data;
}
