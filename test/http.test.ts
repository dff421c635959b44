import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidDatasetError, ModelArtifactError } from '../shared/automl/errors.js';
import { parseTrainOptionsText } from '../shared/automl/training/prepareDataset.js';
import { errorResponse } from '../shared/edge/errorResponse.js';
import { errorStatus } from '../shared/edge/errorStatus.js';
import { UsageError } from '../shared/edge/usageError.js';
import { HttpApiEventSchema } from '../shared/events/httpApiEvent.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { InvalidRequestError, RouteNotFoundError, UnauthorizedError, UnsupportedMediaTypeError } from '../shared/http/errors.js';
import { bodyText, jsonBody } from '../shared/http/request.js';
import { NoProductionModelError } from '../shared/lifecycle/errors.js';
import { StoreUnavailableError } from '../shared/ports/errors.js';
import { CorruptObjectError, InvalidIdError, NothingToRollBackError, VersionNotFoundError } from '../shared/registry/errors.js';
import { httpEvent } from './support/events.js';

const request = (...args: Parameters<typeof httpEvent>) => HttpApiEventSchema.parse(httpEvent(...args));

describe('HTTP edge', () => {
  it('normalizes the event and decodes base64 bodies', () => {
    const parsed = request('post', '/ingest', Buffer.from('a,b\n').toString('base64'), { 'Content-Type': 'text/csv' }, true);
    expect(parsed).toMatchObject({ method: 'POST', path: '/ingest', query: {} });
    expect(bodyText(parsed)).toBe('a,b\n');
  });

  it('requires the API key, compared exactly', () => {
    const withKey = (key?: string) => request('POST', '/promote', '', key ? { 'x-api-key': key } : {});
    expect(() => requireApiKey(withKey(), 'secret')).toThrow('missing x-api-key header');
    expect(() => requireApiKey(withKey('secreT'), 'secret')).toThrow('invalid API key');
    expect(() => requireApiKey(withKey('secret'), undefined)).toThrow(/ALM_API_KEY is not configured/);
    expect(() => requireApiKey(withKey('secret'), 'secret')).not.toThrow();
  });

  it('maps every typed error to one status; 4xx carry their message', () => {
    const cases: [Error, number, number][] = [
      [new InvalidDatasetError('row 2 is ragged'), 400, 2],
      [new InvalidRequestError('bad'), 400, 2],
      [new InvalidIdError('bad id'), 400, 2],
      [new UnauthorizedError('no key'), 401, 2],
      [new VersionNotFoundError('v0009'), 404, 2],
      [new RouteNotFoundError('no route'), 404, 2],
      [new NothingToRollBackError('none'), 409, 2],
      [new UnsupportedMediaTypeError('text/plain'), 415, 2],
      [new UsageError('bad flag'), 400, 2],
    ];
    for (const [error, http, exitCode] of cases) {
      expect(errorStatus(error), error.name).toEqual({ http, exitCode, expose: true });
      const response = errorResponse(error);
      expect(response.statusCode, error.name).toBe(http);
      expect(JSON.parse(response.body)).toEqual({ error: error.name, message: error.message });
    }
  });

  it('answers 503 with its reason when no model is served', () => {
    const response = errorResponse(new NoProductionModelError('no model is in production yet'));
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ error: 'NoProductionModelError', message: 'no model is in production yet' });
  });

  it('never shows the message of a 5xx fault: a generic text, the details in the log only', () => {
    const faults: [unknown, number, string][] = [
      [new TypeError('secret detail'), 500, 'InternalError'],
      [new ModelArtifactError('secret checksum detail'), 500, 'InternalError'],
      [new CorruptObjectError('secret key detail'), 500, 'InternalError'],
      [new StoreUnavailableError('secret s3://bucket detail'), 503, 'ServiceUnavailable'],
      ['a thrown string with a secret', 500, 'InternalError'],
    ];
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => void logged.push(line);
    try {
      for (const [fault, http, name] of faults) {
        const response = errorResponse(fault);
        expect(response.statusCode).toBe(http);
        expect(JSON.parse(response.body).error).toBe(name);
        expect(response.body).not.toMatch(/secret|\bat /);
      }
    } finally {
      console.error = original;
    }
    expect(logged).toHaveLength(faults.length);
    expect(logged.every((line) => line.includes('secret'))).toBe(true);
    // The CLI shows a model artifact error to the user who named the file: exit code 2.
    expect(errorStatus(new ModelArtifactError('x')).exitCode).toBe(2);
  });

  it('parses JSON bodies with a schema and names every issue', () => {
    const schema = z.object({ version: z.string().regex(/^v\d{4}$/), reason: z.string() });
    expect(jsonBody(request('POST', '/p', '{"version":"v0001","reason":"r"}'), schema)).toEqual({ version: 'v0001', reason: 'r' });
    expect(() => jsonBody(request('POST', '/p', '{'), schema)).toThrow(new InvalidRequestError('the body is not valid JSON'));
    expect(() => jsonBody(request('POST', '/p', '{"version":"1"}'), schema)).toThrow(/^the body does not match its schema: version: .*; reason: /);
  });
});

describe('training options as text (CLI flags and query strings alike)', () => {
  it('converts numbers and lists, then resolves the defaults', () => {
    expect(parseTrainOptionsText({ seed: '7', candidates: 'linear, gradient_boosting', target: 'y', cv_folds: '0', test_fraction: '0.25' })).toEqual({
      target: 'y',
      seed: 7,
      candidates: ['linear', 'gradient_boosting'],
      cv_folds: 0,
      test_fraction: 0.25,
      refit: true,
    });
    expect(parseTrainOptionsText({ refit: 'false', time_budget: '30', params: '{"linear": {"C": 2}}', positive_class: 'yes', min_class_rows: '5' })).toMatchObject({
      refit: false,
      time_budget: 30,
      params: { linear: { C: 2 } },
      positive_class: 'yes',
      min_class_rows: 5,
    });
    expect(() => parseTrainOptionsText({ refit: 'no' })).toThrow(/refit: /);
    expect(parseTrainOptionsText({})).toMatchObject({ seed: 42, cv_folds: 5 });
  });

  it.each([
    [{ sead: '7' }, /Unrecognized key: "sead"/],
    [{ seed: 'abc' }, /seed: expected a number/],
    [{ seed: '' }, /seed: expected a number/],
    [{ seed: '1.5' }, /seed: .*int/i],
    [{ cv_folds: '1' }, /cv_folds: cv_folds must be 0 \(holdout only\) or between 2 and 20/],
    [{ candidates: 'linear,svm' }, /candidates\.1: /],
    [{ max_tree_rows: '5' }, /max_tree_rows: /],
  ])('refuses %j, naming it', (input, message) => {
    expect(() => parseTrainOptionsText(input)).toThrow(message);
  });

  it('names every bad option at once', () => {
    expect(() => parseTrainOptionsText({ seed: 'x', cv_folds: 'y', test_fraction: '' })).toThrow(/seed: .*; cv_folds: .*; test_fraction: /);
  });
});
