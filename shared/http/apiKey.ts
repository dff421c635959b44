import { timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '../events/httpApiEvent.js';
import { UnauthorizedError } from './errors.js';
import { header } from './request.js';

/**
 * Admin routes require the configured key (compared in constant time), as `x-api-key`, or as
 * `Authorization: Bearer <key>` (what Alertmanager's webhook `http_config` can send).
 */
export function requireApiKey(request: HttpRequest, expected: string | undefined): void {
  const bearer = /^Bearer (.+)$/.exec(header(request, 'authorization') ?? '')?.[1];
  const given = header(request, 'x-api-key') ?? bearer;
  if (!expected) throw new UnauthorizedError('admin routes are disabled: ALM_API_KEY is not configured');
  if (!given) throw new UnauthorizedError('missing x-api-key header (or Authorization: Bearer)');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UnauthorizedError('invalid API key');
}
