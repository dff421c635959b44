import { afterAll, beforeAll, expect } from 'vitest';
import { startFaultStack, type FaultStack } from './support/faultStack.js';
import { describeRegistryFaults, REGISTRY_FAULT_ENV } from './support/registryFaults.js';
import { describeRegistryLost, describeServingFaults, SERVING_FAULT_ENV } from './support/servingFaults.js';

/**
 * The faults of issue 12 against moto_server and serverless-offline, on one fault stack
 * (`startFaultStack`: a restartable moto_server behind a controlled proxy, bootstrapped on 2,000
 * seeded rows), in this order, each block needing what the one before left:
 * 1. S3 and SQS slow, then unreachable while serving (every prediction logged in S3 is theirs);
 * 2. the registry's faults: a tampered model.json, concurrent moves, a training killed midway
 *    (they add versions and move production);
 * 3. moto_server killed and restarted empty under load (production put back on v0001 first):
 *    the registry is gone for good, so last.
 */
const KEY = 'faults-key';
let faults: FaultStack;
const stack = () => faults;

beforeAll(async () => {
  faults = await startFaultStack(KEY, { ...SERVING_FAULT_ENV, ...REGISTRY_FAULT_ENV });
  expect(faults.stack.productionVersion).toBe('v0001');
}, 240_000);

afterAll(async () => {
  await faults?.stop();
}, 60_000);

describeServingFaults(stack);
describeRegistryFaults(stack);
describeRegistryLost(stack);
