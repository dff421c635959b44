import type { z } from 'zod';
import { RESOURCES } from '../shared/config/resources.js';
import { formatZodIssues } from '../shared/util/formatZodIssues.js';
import { resolveApiKey } from '../local/apiKeyFile.js';
import { UsageError } from '../shared/edge/usageError.js';

/** The running stack's API: `ALM_API_URL`, default http://localhost:3000. */
export function apiUrl(): string {
  return (process.env.ALM_API_URL ?? `http://localhost:${RESOURCES.ports.api}`).replace(/\/$/, '');
}

/**
 * Calls the API and returns its JSON, validated by `schema` (the API's own response schema).
 * Admin calls send the key (`ALM_API_KEY` or `.alm/api-key`). A refused connection, an error
 * status or an unexpected response is a one-line UsageError.
 */
export async function callApi<S extends z.ZodType>(
  schema: S,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; admin?: boolean } = {},
): Promise<z.output<S>> {
  const { body, admin = false } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (admin) {
    const key = resolveApiKey({ create: false });
    if (!key) throw new UsageError('no API key: set ALM_API_KEY or run `npm start` once (it writes .alm/api-key)');
    headers['x-api-key'] = key;
  }
  let response: Response;
  try {
    response = await fetch(`${apiUrl()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (cause) {
    throw new UsageError(`cannot reach the API at ${apiUrl()}: is the stack running (npm start)?`, { cause });
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const message = (parsed as { message?: string } | undefined)?.message ?? text;
    throw new UsageError(`${method} ${path} failed with ${response.status}: ${message}`);
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) throw new UsageError(`${method} ${path} answered something unexpected: ${formatZodIssues(checked.error, 3)}`);
  return checked.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
