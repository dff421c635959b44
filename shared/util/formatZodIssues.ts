import type { z } from 'zod';

/**
 * The issues of a zod error as one line: `path: message` per issue (the bare message for the
 * value itself), joined by `; `, the first `max` of them (default all) and a count of the rest.
 * The one format every area uses for a schema failure in an error message.
 */
export function formatZodIssues(error: z.ZodError, max = Number.POSITIVE_INFINITY): string {
  const shown = error.issues.slice(0, max).map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
  const rest = error.issues.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; and ${rest} more` : shown.join('; ');
}
