import type { z } from 'zod';
import { InvalidRequestError } from '../lifecycle/errors.js';
import { ApiGatewayEventSchema, bodyText, type ApiGatewayEvent, type ApiGatewayResult } from './apiGatewayEvent.js';
import { errorResponse } from './responses.js';

/** Wraps a route: parses the event, and maps any thrown error to its response (never a stack trace). */
export function httpHandler(route: (event: ApiGatewayEvent) => Promise<ApiGatewayResult>) {
  return async (rawEvent: unknown): Promise<ApiGatewayResult> => {
    try {
      return await route(ApiGatewayEventSchema.parse(rawEvent));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The JSON body, validated by `schema`; an empty body counts as `{}`. */
export function jsonBody<S extends z.ZodType>(event: ApiGatewayEvent, schema: S): z.infer<S> {
  const text = bodyText(event).trim();
  let value: unknown = {};
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new InvalidRequestError('the body is not valid JSON', { cause });
    }
  }
  return schema.parse(value);
}
