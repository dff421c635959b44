import { timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '../events/httpApiEvent.js';
import { UnauthorizedError } from './errors.js';
import { header } from './request.js';

/** Admin routes require `x-api-key` equal to the configured key (compared in constant time). */
export function requireApiKey(request: HttpRequest, expected: string | undefined): void {
  const given = header(request, 'x-api-key');
  if (!expected) throw new UnauthorizedError('admin routes are disabled: ALM_API_KEY is not configured');
  if (!given) throw new UnauthorizedError('missing x-api-key header');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UnauthorizedError('invalid API key');
}
