import { ZodError } from 'zod';
import { errorStatus } from '../errors/status.js';
import type { ApiGatewayResult } from './apiGatewayEvent.js';

/** A JSON response. */
export function json(statusCode: number, body: unknown): ApiGatewayResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * The response for a thrown error: its status from the one mapping; client errors carry their
 * message, internal ones a generic text (the details go to the log, never to the caller).
 */
export function errorResponse(error: unknown): ApiGatewayResult {
  const status = errorStatus(error);
  if (status.clientError) return json(status.http, { error: errorName(error), message: errorMessage(error) });
  console.error(JSON.stringify({ level: 'error', message: errorMessage(error), stack: (error as Error)?.stack }));
  return json(status.http, { error: 'InternalError', message: 'internal error; see the function log' });
}

function errorName(error: unknown): string {
  return error instanceof ZodError ? 'InvalidRequest' : error instanceof Error ? error.name : 'Error';
}

function errorMessage(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
