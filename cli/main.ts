import { errorStatus } from '../shared/edge/errorStatus.js';
import { DLQ_USAGE, dlqCommand } from './commands/dlq.js';
import { DRIFT_USAGE, driftCommand } from './commands/drift.js';
import { INGEST_USAGE, ingestCommand } from './commands/ingest.js';
import { PREDICT_USAGE, predictCommand } from './commands/predict.js';
import {
  PROMOTE_USAGE,
  ROLLBACK_USAGE,
  STATUS_USAGE,
  VERSIONS_USAGE,
  promoteCommand,
  rollbackCommand,
  statusCommand,
  versionsCommand,
} from './commands/registry.js';
import { SIDECAR_USAGE, sidecarCommand } from './commands/sidecar.js';
import { SIMULATE_USAGE, simulateCommand } from './commands/simulate.js';
import { START_USAGE, startCommand } from './commands/start.js';
import { TRAIN_USAGE, trainCommand } from './commands/train.js';
import { UsageError } from '../shared/edge/usageError.js';

/** A command returns nothing (exit 0) or its exit code; it throws for an error (mapped by errorStatus). */
const COMMANDS: Record<string, (args: string[]) => void | number | Promise<void | number>> = {
  train: trainCommand,
  predict: predictCommand,
  drift: driftCommand,
  status: statusCommand,
  versions: versionsCommand,
  promote: promoteCommand,
  rollback: rollbackCommand,
  start: startCommand,
  sidecar: sidecarCommand,
  simulate: simulateCommand,
  dlq: dlqCommand,
  ingest: ingestCommand,
};

const USAGE = [
  'usage:',
  `  ${TRAIN_USAGE}`,
  `  ${PREDICT_USAGE}`,
  `  ${DRIFT_USAGE}`,
  `  ${START_USAGE}`,
  `  ${SIDECAR_USAGE}`,
  'against the running stack (ALM_API_URL, default http://localhost:3000):',
  `  ${STATUS_USAGE}`,
  `  ${VERSIONS_USAGE}`,
  `  ${PROMOTE_USAGE}`,
  `  ${ROLLBACK_USAGE}`,
  `  ${SIMULATE_USAGE}`,
  'on SQS directly (AWS_ENDPOINT_URL, default the local stack\'s):',
  `  ${DLQ_USAGE}`,
  `  ${INGEST_USAGE}`,
].join('\n');

/**
 * The `alm` command line. Exit codes: 0 success, 2 bad input or usage (one line on stderr, never
 * a stack trace), 1 an internal error.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'\n${USAGE}`);
    const code = await command(args);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    const status = errorStatus(error);
    if (status.exitCode === 2 || status.expose) {
      process.stderr.write(`alm: ${(error as Error).message}\n`);
      return status.exitCode;
    }
    process.stderr.write(`alm: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.ALM_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return status.exitCode;
  }
}
