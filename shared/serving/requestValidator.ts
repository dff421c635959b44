import { z } from 'zod';
import type { Pipeline } from '../automl/pipeline/pipeline.js';
import { isPlainObject } from '../util/isPlainObject.js';
import { InvalidPredictRequestError, type RequestProblem } from './errors.js';
import { featureValueRule, kindOf, quoted, ValueProblem, type FeatureValue, type FeatureValueRule } from './featureValueRule.js';
import { checkRecordCount, type ServingLimits } from './servingLimits.js';

/** A validated record: exactly the schema's features, normalized (see `featureValueRule`). */
export type ValidatedRecord = Record<string, FeatureValue>;

/** An accepted category that training never saw, at record `index`. */
export interface UnseenCategory {
  readonly index: number;
  readonly feature: string;
  readonly value: string | number;
}

export interface ValidatedRequest {
  readonly records: ValidatedRecord[];
  /** One line per distinct ignored field and per distinct unseen category. */
  readonly warnings: string[];
  /** Every unseen category, one entry per record and feature (for counting). */
  readonly unseen: UnseenCategory[];
}

/** Validates a parsed JSON body; throws InvalidPredictRequestError (400) or PayloadTooLargeError (413). */
export type RequestValidator = (body: unknown) => ValidatedRequest;

/**
 * The validator of one served version, built once per version (see `predictRecords`) from its
 * schema: a zod object schema with one field per feature, each field checking and normalizing
 * its value by its precomputed rule (`featureValueRule`, whose wording the issues keep).
 * - The body is one record (a JSON object) or `{"records": [...]}` (a non-empty array of
 *   objects, at most `limits.maxRecords`, else a 413). Anything else is a 400. Other fields
 *   beside `records` are ignored with a warning.
 * - Every feature must be present in every record (`null` for a missing value).
 * - Fields that are not features are ignored, with one warning per distinct name.
 * - An unseen category is accepted, warned about once per feature and value, and listed in `unseen`.
 * Every problem of every record is collected before throwing, so `details` names them all.
 */
export function buildRequestValidator(
  model: { readonly version: string; readonly pipeline: Pipeline },
  limits: ServingLimits,
): RequestValidator {
  const rules = model.pipeline.features.map(featureValueRule);
  const names = new Set(rules.map((rule) => rule.name));
  const recordsIsFeature = names.has('records');
  const recordSchema = recordSchemaOf(rules);

  return (body) => {
    const warnings = new Set<string>();
    const problems: RequestProblem[] = [];
    const unseen: UnseenCategory[] = [];
    const raws = recordsOf(body, recordsIsFeature, limits, warnings);
    const records = new Array<ValidatedRecord>(raws.length);
    for (let index = 0; index < raws.length; index++) {
      const raw = raws[index];
      if (!isPlainObject(raw)) {
        problems.push({ index, field: null, message: `expected a record (a JSON object), got ${kindOf(raw)}` });
        continue;
      }
      const parsed = recordSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push({ index, field: String(issue.path[0]), message: issue.message });
        continue;
      }
      const record = parsed.data;
      for (const rule of rules) {
        const value = record[rule.name];
        if (value !== null && !rule.seen(value)) {
          unseen.push({ index, feature: rule.name, value });
          warnings.add(`unseen category ${quoted(value)} of feature '${rule.name}' (not in the training data of ${model.version})`);
        }
      }
      for (const key in raw) if (!names.has(key)) warnings.add(`ignored field ${quoted(key)} (not a feature of ${model.version})`);
      records[index] = record;
    }
    if (problems.length > 0) throw new InvalidPredictRequestError(problems);
    return { records, warnings: [...warnings], unseen };
  };
}

/**
 * The zod schema of one record: every feature required (`null` for a missing value), each
 * checked and normalized by its rule; other fields are stripped (the caller warns about them).
 */
function recordSchemaOf(rules: readonly FeatureValueRule[]): z.ZodType<ValidatedRecord> {
  const field = (rule: FeatureValueRule) =>
    z.unknown().transform((value, ctx): FeatureValue => {
      const normalized = value === undefined ? new ValueProblem('missing (send null for a missing value)') : rule.normalize(value);
      if (!(normalized instanceof ValueProblem)) return normalized;
      ctx.addIssue({ code: 'custom', message: normalized.message });
      return z.NEVER;
    });
  return z.object(Object.fromEntries(rules.map((rule) => [rule.name, field(rule)])));
}

/** The records of a body, or a 400/413 for the envelope itself. */
function recordsOf(body: unknown, recordsIsFeature: boolean, limits: ServingLimits, warnings: Set<string>): readonly unknown[] {
  if (!isPlainObject(body)) {
    throw new InvalidPredictRequestError([
      { index: null, field: null, message: `expected a record (a JSON object) or {"records": [...]}, got ${kindOf(body)}` },
    ]);
  }
  const batch = body.records;
  if (!Object.hasOwn(body, 'records') || (recordsIsFeature && !Array.isArray(batch))) return [body];
  if (!Array.isArray(batch)) {
    throw new InvalidPredictRequestError([{ index: null, field: 'records', message: `expected an array of records, got ${kindOf(batch)}` }]);
  }
  if (batch.length === 0) {
    throw new InvalidPredictRequestError([{ index: null, field: 'records', message: 'the batch is empty: send at least one record' }]);
  }
  checkRecordCount(batch.length, limits);
  for (const key in body) if (key !== 'records') warnings.add(`ignored field ${quoted(key)} of the request (beside 'records')`);
  return batch;
}
