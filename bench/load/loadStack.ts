/**
 * The stack the load test and `npm run bench:load` run against: `npm start`'s stack
 * (`startStack`: moto_server + serverless-offline on free loopback ports) bootstrapped with a
 * seeded 2,000-row sample of the main dataset (bench:heal's `writeHealDatasets`, gradient
 * boosting, 2 folds), then a second version registered before the load (the same rows with their
 * labels shuffled, linear): its verdict is a rejection, so production stays v0001 until the
 * load's own promotion moves it. No drift schedule during the run (nor a retrain it could ask
 * for). Request bodies: held-out rows of the same seeded split. The stack is isolated
 * (`startStack`'s `isolated`: its own bundle folder, no rebuild on an edit): over a 20-minute run,
 * an edit in the tree would restart every worker cold and another stack's start would delete
 * `.esbuild` under it. Measures nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../local/processes.js';
import { startStack, type RunningStack } from '../../local/startStack.js';
import { HealApi } from '../heal/api.js';
import { writeHealDatasets } from '../heal/datasets.js';
import { FAST_QUERY } from '../heal/stackSettings.js';
import { worseCandidate } from '../heal/worseCandidate.js';
import { findServerlessOffline } from './processMemory.js';
import { requestBodies } from './requestBodies.js';

export const SAMPLE_ROWS = 2000;
/** How often a predict worker checks the production pointer (`ALM_MODEL_CHECK_SECONDS`). */
export const MODEL_CHECK_SECONDS = 2;
export const LOAD_STACK_ENV = {
  ALM_DRIFT_SCHEDULE: 'rate(1 day)',
  ALM_MODEL_CHECK_SECONDS: String(MODEL_CHECK_SECONDS),
};

export interface LoadStack {
  readonly stack: RunningStack;
  readonly api: HealApi;
  /** The serverless-offline process (its worker threads run every handler). */
  readonly offlinePid: number;
  readonly production: string;
  /** The registered, rejected version the load promotes. */
  readonly candidate: string;
  /** Distinct `POST /predict` bodies (one held-out record each). */
  readonly bodies: readonly string[];
  stop(): Promise<void>;
}

export async function startLoadStack(source: string, workDir: string, log: (line: string) => void, bodyCount = 500): Promise<LoadStack> {
  Object.assign(process.env, LOAD_STACK_ENV);
  delete process.env.AWS_ENDPOINT_URL; // our own moto_server on a free port, never a shared endpoint
  const data = writeHealDatasets(source, workDir, SAMPLE_ROWS);
  const [apiPort, lambdaPort, awsPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const stack = await startStack({ apiPort, lambdaPort, awsPort, metricsPort, monitoring: false, bootstrapCsv: data.bootstrapCsv, bootstrapQuery: FAST_QUERY, logDir: join(workDir, 'logs'), log, isolated: true });
  const stop = () => stack.stop();
  try {
    if (stack.productionVersion !== 'v0001') throw new Error(`expected v0001 in production after the bootstrap, got ${stack.productionVersion}`);
    const api = new HealApi(stack.apiUrl, stack.apiKey);
    log('registering a second version (shuffled labels, linear)…');
    const worse = await worseCandidate(api, data.shuffledLabels, '?candidates=linear&cv_folds=2', 180_000);
    if (worse.verdict.decision !== 'rejected') throw new Error(`the shuffled-label candidate ${worse.version} was ${worse.verdict.decision}, not rejected`);
    return {
      stack,
      api,
      offlinePid: findServerlessOffline(apiPort),
      production: stack.productionVersion,
      candidate: worse.version,
      bodies: requestBodies(readFileSync(data.heldOutCsv, 'utf8'), bodyCount),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
