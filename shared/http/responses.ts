import type { HttpResponse } from '../events/httpApiEvent.js';

/** A JSON response. */
export function json(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** An HTML page (a drift report: self-contained, no script), never cached as another type. */
export function html(statusCode: number, body: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' }, body };
}
