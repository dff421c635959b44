import { createAwsClients } from '../../shared/aws/awsClients.js';
import { cliAwsConfig } from '../awsTarget.js';
import { SqsDeadLetterQueue } from '../../shared/aws/sqsDeadLetterQueue.js';
import { RESOURCES, type QueueResource } from '../../shared/config/resources.js';
import { UsageError } from '../../shared/edge/usageError.js';
import type { DeadLetterPeek } from '../../shared/ports/deadLetterQueue.js';
import { formatTable } from '../formatTable.js';
import { parseCommand } from '../options.js';

export const DLQ_USAGE = 'alm dlq list [queue] [--limit N] [--json] | alm dlq redrive <queue> [--json]';

const say = (text: string) => process.stdout.write(`${text}\n`);
const QUEUES = Object.entries(RESOURCES.queues);
const KNOWN = QUEUES.map(([key, q]) => `${key} (${q.name})`).join(', ');
const BODY_CHARS = 200;

/**
 * `alm dlq`, on SQS directly (not through the API): `list` shows each dead-letter queue of
 * `config/resources.json` (or the named queue's) with its depth and its messages' ids and
 * bodies, leaving them there; `redrive <queue>` moves the queue's DLQ messages back to it and
 * counts them. A queue is named by its key (`train`), its name (`alm-train`) or its DLQ's
 * (`alm-train-dlq`). The endpoint is `AWS_ENDPOINT_URL`, else the local stack's
 * (`http://127.0.0.1:<ports.aws>`, as `npm start` runs it); `--aws` uses AWS itself (the SDK's
 * default credential chain).
 */
export async function dlqCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommand(args, { limit: { type: 'string' }, json: { type: 'boolean' }, aws: { type: 'boolean' } });
  const [action, name, ...rest] = positionals;
  if (rest.length > 0 || (action !== 'list' && action !== 'redrive')) throw new UsageError(`usage: ${DLQ_USAGE}`);
  if (action === 'redrive' && name === undefined) throw new UsageError(`alm dlq redrive needs a queue: one of ${KNOWN}`);
  if (action === 'redrive' && values.limit !== undefined) throw new UsageError('--limit is for alm dlq list');
  const queues = name === undefined ? QUEUES.map(([, q]) => q) : [queueNamed(name)];
  const limit = limitOf(values.limit);
  const { sqs } = createAwsClients(cliAwsConfig(values.aws === true));
  try {
    const port = (queue: QueueResource) => new SqsDeadLetterQueue(sqs, queue.name, queue.dlq);
    if (action === 'redrive') {
      const result = await port(queues[0]).redrive();
      if (values.json) say(JSON.stringify(result));
      else {
        say(`moved ${result.moved} message(s) from ${result.dlq} back to ${result.queue}`);
        for (const f of result.failed) say(`not moved (left in ${result.dlq}): ${f.messageId}: ${f.reason}`);
      }
      return result.failed.length > 0 ? 1 : 0;
    }
    const peeks: DeadLetterPeek[] = [];
    for (const queue of queues) peeks.push(await port(queue).peek(limit));
    if (values.json) say(JSON.stringify(peeks));
    else for (const peek of peeks) say(describePeek(peek));
    return 0;
  } finally {
    sqs.destroy();
  }
}

/** The queue of config/resources.json with this key, name or DLQ name; anything else is a usage error. */
export function queueNamed(name: string): QueueResource {
  const found = QUEUES.find(([key, q]) => name === key || name === q.name || name === q.dlq);
  if (!found) throw new UsageError(`unknown queue '${name}': one of ${KNOWN}`);
  return found[1];
}

function limitOf(text: string | boolean | undefined): number {
  if (text === undefined) return 50;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be an integer from 1 to 1000, not '${String(text)}'`);
  return limit;
}


function describePeek(peek: DeadLetterPeek): string {
  const head = `${peek.dlq} (DLQ of ${peek.queue}): ${peek.depth} message(s)${peek.inFlight ? `, ${peek.inFlight} in flight` : ''}`;
  if (peek.messages.length === 0) return head;
  const rows = peek.messages.map((m) => [m.messageId, m.receiveCount, m.sentAt ?? '-', oneLine(m.body)]);
  const more = peek.truncated ? `\n(first ${peek.messages.length} shown; --limit N for more)` : '';
  return `${head}\n${formatTable(['message_id', 'receives', 'sent_at', 'body'], rows)}${more}`;
}

function oneLine(body: string): string {
  const flat = JSON.stringify(body).slice(1, -1);
  return flat.length > BODY_CHARS ? `${flat.slice(0, BODY_CHARS)}…` : flat;
}
