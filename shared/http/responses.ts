import type { HttpResponse } from '../events/httpApiEvent.js';

/** A JSON response. */
export function json(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
