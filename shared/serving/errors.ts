import { NamedError } from '../errors/namedError.js';

/**
 * Errors of the prediction service's use cases (predict, feedback). Mapped to statuses at the
 * edge (`shared/edge/errorStatus.ts`); every one is the caller's fault (a 400).
 */
export class ServingError extends NamedError {}

/**
 * One problem of a request (predict, feedback). `index` is the record's 0-based position (a single-record
 * body is record 0), `null` for the envelope; `field` is the feature, `null` for a whole record
 * or body.
 */
export interface RequestProblem {
  readonly index: number | null;
  readonly field: string | null;
  readonly message: string;
}

/** Problems quoted in the error message; `details` always holds every one. */
const QUOTED = 10;

/** A request with problems: `details` names every bad record and field at once (the HTTP answer carries it). */
export class RequestProblemsError extends ServingError {
  constructor(readonly details: readonly RequestProblem[], what: string) {
    super(describeProblems(details, what));
  }
}

/** A predict request that cannot be served. */
export class InvalidPredictRequestError extends RequestProblemsError {
  constructor(details: readonly RequestProblem[]) {
    super(details, 'predict request');
  }
}

/** A feedback request that cannot be stored. */
export class InvalidFeedbackError extends RequestProblemsError {
  constructor(details: readonly RequestProblem[]) {
    super(details, 'feedback');
  }
}

/** Text that is not a prediction id (a lowercase UUIDv7). */
export class InvalidPredictionIdError extends ServingError {}

function describeProblems(details: readonly RequestProblem[], what: string): string {
  const quoted = details.slice(0, QUOTED).map(({ index, field, message }) => {
    const where = [index === null ? undefined : `record ${index}`, field === null ? undefined : `'${field}'`].filter(Boolean).join(' ');
    return where ? `${where}: ${message}` : message;
  });
  const more = details.length > QUOTED ? `; … and ${details.length - QUOTED} more` : '';
  const count = details.length === 1 ? '1 problem' : `${details.length} problems`;
  return `invalid ${what} (${count}): ${quoted.join('; ')}${more}`;
}
