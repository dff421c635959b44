import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the HTTP edge: the request itself is unusable, before any use case runs. Mapped to
 * statuses in `shared/edge/errorStatus.ts`.
 */
export class HttpError extends NamedError {}

/** The request is malformed: not JSON, wrong shape, an unknown parameter. */
export class InvalidRequestError extends HttpError {}

/** The admin API key is missing or wrong, or admin routes are not configured. */
export class UnauthorizedError extends HttpError {}

/** The body is of a content type the route does not take. */
export class UnsupportedMediaTypeError extends HttpError {}

/** No route of the function matches the method and path. */
export class RouteNotFoundError extends HttpError {}

/** The body or the batch is larger than the route allows (bytes or records). */
export class PayloadTooLargeError extends HttpError {}
