/**
 * The stack the predict benchmark runs against, and what it sends: the bootstrap CSV (the first
 * 20,000 data rows of the main dataset, so the stack trains a gradient boosting model on its
 * features, the realistic serving path), the request bodies (one main-dataset record; 100 of
 * them with `age` varied), and `waitForQuiet`, which waits between phases until the prediction
 * log's queue is empty, so the backlog that one phase leaves (the log records it sent, which
 * ingest is still writing to S3 through moto) does not load the next. Measures nothing.
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsClients } from '../../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../../shared/aws/awsConfig.js';
import { RESOURCES } from '../../shared/config/resources.js';

/** A main-dataset record (the first row of data/diabetes_prediction_dataset.csv, without its label). */
export const RECORD = {
  gender: 'Female',
  age: 80,
  hypertension: 0,
  heart_disease: 1,
  smoking_history: 'never',
  bmi: 25.19,
  HbA1c_level: 6.6,
  blood_glucose_level: 140,
} as const;

export const BATCH_SIZE = 100;

/** `POST /predict` bodies: one record, and `{records: [...]}` of 100 with ages 1..100 cycling from 20. */
export const BODIES = {
  one: JSON.stringify(RECORD),
  batch: JSON.stringify({ records: Array.from({ length: BATCH_SIZE }, (_, i) => ({ ...RECORD, age: 20 + (i % 61) + i / 100 })) }),
} as const;

/** Writes the header and the first `rows` data rows of `source` to `dir/bootstrap.csv`; returns its path. */
export function writeBootstrapCsv(source: string, dir: string, rows = 20_000): string {
  const lines = readFileSync(source, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const path = join(dir, 'bootstrap.csv');
  writeFileSync(path, `${lines.slice(0, rows + 1).join('\n')}\n`);
  return path;
}

/**
 * Polls the predictions queue of the stack at `endpoint` until it holds nothing (visible or in
 * flight) on two polls a second apart, or `timeoutMs` passes. Returns the seconds waited and
 * whether it got quiet.
 */
export async function waitForQuiet(endpoint: string, timeoutMs = 120_000): Promise<{ seconds: number; quiet: boolean }> {
  const { sqs } = createAwsClients({ region: RESOURCES.region, endpoint, credentials: LOCAL_CREDENTIALS });
  const started = Date.now();
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: RESOURCES.queues.predictions.name }));
    let emptyPolls = 0;
    while (Date.now() - started < timeoutMs) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      const held = Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
      emptyPolls = held === 0 ? emptyPolls + 1 : 0;
      if (emptyPolls >= 2) return { seconds: (Date.now() - started) / 1000, quiet: true };
      await new Promise((r) => setTimeout(r, 1000));
    }
    return { seconds: (Date.now() - started) / 1000, quiet: false };
  } finally {
    sqs.destroy();
  }
}
