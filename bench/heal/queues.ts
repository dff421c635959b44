/**
 * The stack's SQS queues as the heal benchmark waits for them: `waitForDrained`, two looks in a
 * row at `queuesDrained` (every queue empty, nothing in flight).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { queuesDrained } from '../../local/queuesDrained.js';

/** Waits until the queues are drained on two looks a second apart; returns the seconds waited, or throws after `timeoutMs`. */
export async function waitForDrained(sqs: SQSClient, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (Date.now() - started < timeoutMs) {
    quiet = (await queuesDrained(sqs)) ? quiet + 1 : 0;
    if (quiet >= 2) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the queues were not drained after ${(timeoutMs / 1000).toFixed(0)} s`);
}
