/**
 * The train function in a process of its own, for a test to kill -9 midway: runs the real
 * `functions/train.ts` handler on one SQS record whose body is `argv[2]` (a TrainMessage), with
 * the adapters `runtime()` builds from the environment, then exits. Bundled by `killableTraining`.
 */
import { handler } from '../../functions/train.js';
import { sqsEvent } from './events.js';

const result = await handler(sqsEvent(process.argv[2] ?? ''));
process.stdout.write(`${JSON.stringify({ result })}\n`);
process.exit(0);
