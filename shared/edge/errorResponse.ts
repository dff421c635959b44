import type { HttpResponse } from '../events/httpApiEvent.js';
import { json } from '../http/responses.js';
import { RequestProblemsError, type RequestProblem } from '../serving/errors.js';
import { errorStatus } from './errorStatus.js';

/**
 * The response for a thrown error, its status from the one mapping: `{error, message}` with the
 * error's own message when it may be exposed (plus its `details` list, when it has one: every
 * bad record and field of a request), a generic text otherwise (the details go to the
 * log, never to the caller). Never a stack trace.
 */
export function errorResponse(error: unknown): HttpResponse {
  const status = errorStatus(error);
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (status.expose) return json(status.http, { error: name, message, ...detailsOf(error) });
  console.error(JSON.stringify({ level: 'error', error: name, message, stack: error instanceof Error ? error.stack : undefined }));
  const generic = status.http === 503 ? 'a dependency is unavailable; retry later' : 'internal error; see the function log';
  return json(status.http, { error: status.http === 503 ? 'ServiceUnavailable' : 'InternalError', message: generic });
}

/** `{details}` of a request with problems (every bad record and field), else nothing. */
function detailsOf(error: unknown): { details?: readonly RequestProblem[] } {
  return error instanceof RequestProblemsError ? { details: error.details } : {};
}
