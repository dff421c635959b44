import { describe, expect, it } from 'vitest';
import { errorResponse } from '../shared/edge/errorResponse.js';
import { InvalidFeedbackError, InvalidPredictRequestError } from '../shared/serving/errors.js';
import { requestBody } from '../shared/serving/requestBody.js';

const predictError = (problems: ConstructorParameters<typeof InvalidPredictRequestError>[0]) => new InvalidPredictRequestError(problems);

describe('requestBody: the JSON of a predict or feedback body', () => {
  it('parses JSON, and reads an empty body as {}', () => {
    expect(requestBody('{"records":[{"a":1}]}', predictError)).toEqual({ records: [{ a: 1 }] });
    expect(requestBody('  \n', predictError)).toEqual({});
  });

  it.each(['{', 'records: []', '{"a":1}}', 'NaN'])('refuses %j with a 400 whose details name the body', (text) => {
    const error = (() => {
      try {
        requestBody(text, predictError);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidPredictRequestError);
    const response = errorResponse(error);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).details).toEqual([{ index: null, field: null, message: 'the body is not valid JSON' }]);
  });

  it('throws the caller’s own error type (feedback)', () => {
    expect(() => requestBody('{', (problems) => new InvalidFeedbackError(problems))).toThrow(InvalidFeedbackError);
  });
});
