import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '../events/httpApiEvent.js';
import { UnauthorizedError } from './errors.js';
import { header } from './request.js';

/**
 * Admin routes require the configured key (compared in constant time), as `x-api-key`, or as
 * `Authorization: Bearer <key>` (what Alertmanager's webhook `http_config` can send). Both keys
 * are hashed (SHA-256) before `timingSafeEqual`, so the comparison takes the same time whatever
 * the given key's length too (a length check first would tell an attacker the key's length).
 */
export function requireApiKey(request: HttpRequest, expected: string | undefined): void {
  const bearer = /^Bearer (.+)$/.exec(header(request, 'authorization') ?? '')?.[1];
  const given = header(request, 'x-api-key') ?? bearer;
  if (!expected) throw new UnauthorizedError('admin routes are disabled: ALM_API_KEY is not configured');
  if (!given) throw new UnauthorizedError('missing x-api-key header (or Authorization: Bearer)');
  if (!timingSafeEqual(digest(given), digest(expected))) throw new UnauthorizedError('invalid API key');
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
