import type { HttpRequest, HttpResponse } from '../events/httpApiEvent.js';
import { InvalidRequestError, RouteNotFoundError } from '../http/errors.js';

/** A route's handler: the request, and the values of its `{name}` path segments. */
export type HttpRoute = (request: HttpRequest, params: Readonly<Record<string, string>>) => Promise<HttpResponse>;

/**
 * Routes of one function, keyed `"METHOD /path"` exactly as serverless.yml declares them; a
 * segment `{name}` matches one non-empty path segment (API Gateway's path parameters).
 */
export type HttpRouteTable = Readonly<Record<string, HttpRoute>>;

/**
 * The route for the request's method and path (an exact key first, then a key with `{name}`
 * segments); RouteNotFoundError (404) naming the routes it has. A `{name}` segment is
 * percent-decoded; a malformed escape (`%ZZ`, a cut UTF-8 sequence) is an InvalidRequestError (400).
 */
export function httpRoutes(table: HttpRouteTable): (request: HttpRequest) => Promise<HttpResponse> {
  const patterns = Object.keys(table).filter((key) => key.includes('{'));
  return async (request) => {
    const key = `${request.method} ${request.path}`;
    const exact = table[key];
    if (exact) return exact(request, {});
    for (const pattern of patterns) {
      const params = matchRoute(pattern, key);
      if (params) return table[pattern](request, params);
    }
    throw new RouteNotFoundError(`no route ${request.method} ${request.path}: this function serves ${Object.keys(table).join(', ')}`);
  };
}

function matchRoute(pattern: string, key: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = key.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(\w+)\}$/.exec(want[i])?.[1];
    if (name === undefined) {
      if (want[i] !== got[i]) return undefined;
    } else {
      if (got[i] === '') return undefined;
      params[name] = decodeSegment(got[i]);
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidRequestError(`path segment '${segment}' is not valid percent-encoding`);
  }
}
