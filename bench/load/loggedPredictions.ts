/**
 * What the prediction log holds in S3 (through the registry's own reader, as the accounting test
 * counts it): the distinct prediction ids logged in a window and the duplicate lines (a record
 * stored twice; `read` keeps one). Compared with the ids the load was answered with, by
 * `accountFor`: nothing lost (every answered id logged), nothing invented (no logged id that was
 * not answered), nothing twice.
 */
import { createAwsClients } from '../../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../../shared/aws/awsConfig.js';
import { S3ObjectStore } from '../../shared/aws/s3ObjectStore.js';
import { RESOURCES } from '../../shared/config/resources.js';
import { systemClock } from '../../shared/platform/systemClock.js';
import { createModelRegistry } from '../../shared/registry/modelRegistry.js';
import type { TimeWindow } from '../../shared/registry/partitionedBatches.js';

export interface LoggedPredictions {
  readonly ids: readonly string[];
  readonly duplicates: number;
}

export async function loggedPredictions(endpoint: string, window: TimeWindow): Promise<LoggedPredictions> {
  const { s3 } = createAwsClients({ region: RESOURCES.region, endpoint, credentials: LOCAL_CREDENTIALS });
  try {
    const registry = createModelRegistry(new S3ObjectStore(s3, RESOURCES.bucket), { clock: systemClock });
    const read = await registry.predictions.read(window);
    return { ids: read.records.map((r) => r.prediction_id), duplicates: read.duplicates };
  } finally {
    s3.destroy();
  }
}

export interface Accounting {
  readonly answered: number;
  readonly logged: number;
  /** Answered ids never logged. */
  readonly lost: number;
  /** Logged ids no answer carried. */
  readonly unknown: number;
  readonly duplicates: number;
  /** An id given to two answers. */
  readonly reusedIds: number;
}

export function accountFor(answeredIds: readonly string[], logged: LoggedPredictions): Accounting {
  const answered = new Set(answeredIds);
  const inLog = new Set(logged.ids);
  let lost = 0;
  for (const id of answered) if (!inLog.has(id)) lost += 1;
  let unknown = 0;
  for (const id of inLog) if (!answered.has(id)) unknown += 1;
  return { answered: answered.size, logged: inLog.size, lost, unknown, duplicates: logged.duplicates, reusedIds: answeredIds.length - answered.size };
}
