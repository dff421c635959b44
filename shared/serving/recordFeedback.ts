import { isPlainObject } from '../util/isPlainObject.js';
import type { TargetSpec } from '../automl/schema/datasetSchema.js';
import type { Clock } from '../ports/clock.js';
import type { Metrics } from '../ports/metrics.js';
import type { LabelStore } from '../registry/labelStore.js';
import { PredictionIdSchema, predictionIdTime, type LabelRecord } from '../registry/schemas.js';
import { InvalidFeedbackError, type RequestProblem } from './errors.js';
import { kindOf, quoted, ValueProblem } from './featureValueRule.js';
import { checkRecordCount, DEFAULT_SERVING_LIMITS, type ServingLimits } from './servingLimits.js';
import { targetValueRule, type TargetValue } from './targetValueRule.js';

export interface FeedbackPorts {
  readonly labels: LabelStore;
  readonly clock: Clock;
  readonly metrics: Metrics;
}

export interface FeedbackResult {
  readonly accepted: number;
}

type Label = Pick<LabelRecord, 'prediction_id' | 'actual'>;

/**
 * The latest time a label's partition key can hold: a batch key spells its span in 13 digits of
 * epoch ms (`shared/registry/keys.ts`), so an id past 2286-11-20 is refused here, with the other
 * problems, rather than by the store after other partitions were written.
 */
const LATEST_ID_MS = 9_999_999_999_999;

/** The rule of each served target, built once (the served version's TargetSpec object is reused). */
const rules = new WeakMap<TargetSpec, (value: unknown) => TargetValue | ValueProblem>();

/**
 * The `POST /feedback` use case: ground-truth labels of logged predictions, checked against the
 * served model's target and stored in the label log (partitioned by each prediction's time),
 * all with `received_at` = the clock's now.
 * - the body must be `{"records": [...]}` with at least one label (else InvalidFeedbackError),
 *   at most `limits.maxRecords` (else PayloadTooLargeError);
 * - every label needs a UUIDv7 `prediction_id` (of a time a key can hold) and an `actual` of the target's type
 *   (`targetValueRule`); other fields are ignored; InvalidFeedbackError names every bad index
 *   and field at once, and nothing is stored;
 * - `actual` is stored in the target's own type, as the prediction log stores `prediction`;
 * - whether the id was ever logged is not checked here: the join counts such labels as orphans.
 * Counts `feedback_labels_total` by the labels accepted.
 */
export async function recordFeedback(
  ports: FeedbackPorts,
  target: TargetSpec,
  body: unknown,
  limits: ServingLimits = DEFAULT_SERVING_LIMITS,
): Promise<FeedbackResult> {
  const labels = validateFeedback(target, body, limits);
  const received_at = ports.clock.now().toISOString();
  await ports.labels.writeBatch(labels.map(({ prediction_id, actual }) => ({ prediction_id, actual, received_at })));
  ports.metrics.increment('feedback_labels_total', {}, labels.length);
  return { accepted: labels.length };
}

function validateFeedback(target: TargetSpec, body: unknown, limits: ServingLimits): Label[] {
  if (!isPlainObject(body)) throw new InvalidFeedbackError([{ index: null, field: null, message: `expected a JSON object {"records": [...]}, got ${kindOf(body)}` }]);
  const records = body.records;
  if (!Array.isArray(records)) {
    const message = records === undefined ? 'missing' : `expected an array of labels, got ${kindOf(records)}`;
    throw new InvalidFeedbackError([{ index: null, field: 'records', message }]);
  }
  if (records.length === 0) throw new InvalidFeedbackError([{ index: null, field: 'records', message: 'the batch is empty: send at least one label' }]);
  checkRecordCount(records.length, limits);
  const actualOf = ruleOf(target);
  const problems: RequestProblem[] = [];
  const labels = records.map((raw: unknown, index): Label | undefined => {
    if (!isPlainObject(raw)) {
      problems.push({ index, field: null, message: `expected a label {"prediction_id", "actual"}, got ${kindOf(raw)}` });
      return undefined;
    }
    const id = raw.prediction_id;
    if (!PredictionIdSchema.safeParse(id).success) {
      const message = id === undefined ? 'missing' : typeof id === 'string' ? `${quoted(id)} is not a prediction id (a lowercase UUIDv7)` : `expected a prediction id, got ${kindOf(id)}`;
      problems.push({ index, field: 'prediction_id', message });
    } else if (predictionIdTime(id as string).getTime() > LATEST_ID_MS) {
      problems.push({ index, field: 'prediction_id', message: `${quoted(id as string)} is not a prediction id: its time is past 2286-11-20` });
    }
    const actual = raw.actual === undefined ? new ValueProblem('missing') : actualOf(raw.actual);
    if (actual instanceof ValueProblem) problems.push({ index, field: 'actual', message: actual.message });
    return actual instanceof ValueProblem ? undefined : { prediction_id: id as string, actual };
  });
  if (problems.length > 0) throw new InvalidFeedbackError(problems);
  return labels as Label[];
}

function ruleOf(target: TargetSpec): (value: unknown) => TargetValue | ValueProblem {
  let rule = rules.get(target);
  if (!rule) rules.set(target, (rule = targetValueRule(target)));
  return rule;
}
