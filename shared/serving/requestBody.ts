import { z } from 'zod';
import { parseJson } from '../util/parseJson.js';
import type { RequestProblem } from './errors.js';

/**
 * The JSON value of a predict or feedback body (an empty body is `{}`, which the validators then
 * refuse). Text that is not JSON is refused like any other problem of the request: `invalid` is
 * given one body-level problem (`index` and `field` null), so the answer carries `details` too.
 */
export function requestBody(text: string, invalid: (problems: RequestProblem[]) => Error): unknown {
  const trimmed = text.trim();
  return parseJson(trimmed === '' ? '{}' : trimmed, z.unknown(), (why, cause) => {
    const error = invalid([{ index: null, field: null, message: `the body ${why}` }]);
    return Object.assign(error, { cause });
  });
}
