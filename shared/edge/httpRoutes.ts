import type { HttpRequest, HttpResponse } from '../events/httpApiEvent.js';
import { RouteNotFoundError } from '../http/errors.js';

/** Routes of one function, keyed `"METHOD /path"` exactly as serverless.yml declares them. */
export type HttpRouteTable = Readonly<Record<string, (request: HttpRequest) => Promise<HttpResponse>>>;

/** The route for the request's method and path; RouteNotFoundError (404) naming the routes it has. */
export function httpRoutes(table: HttpRouteTable): (request: HttpRequest) => Promise<HttpResponse> {
  return async (request) => {
    const route = table[`${request.method} ${request.path}`];
    if (!route) throw new RouteNotFoundError(`no route ${request.method} ${request.path}: this function serves ${Object.keys(table).join(', ')}`);
    return route(request);
  };
}
