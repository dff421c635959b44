import { defineConfig } from 'vitest/config';

/**
 * Test files that run one at a time, after all the others (`sequence.groupOrder`):
 * - the stacks (moto_server, serverless-offline, Prometheus…) start processes, and `startStack`
 *   empties serverless-esbuild's shared `.esbuild` folder; their timings (latency under faults,
 *   time to heal, memory under load) are measured;
 * - `serverless package` bundles into that same `.esbuild` folder;
 * - the files whose assertions are durations or the memory of a process of their own.
 * Every other file is a unit test file: two at a time (the machines have two cores).
 */
const ONE_AT_A_TIME = [
  'test/**/*.integration.test.ts',
  'test/serverlessPackage.test.ts',
  'test/securityTemplate.test.ts',
  'test/simulation.test.ts', // paces requests in real time and checks their span
  'test/ingestMemory.test.ts', // the peak RSS of a child process
  'test/boundedTraining.test.ts', // fits within seconds
];

/** What both groups share (not `extends`: the projects would each run the global setup again). */
const common = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
} as const;

export default defineConfig({
  test: {
    // Once per run, in the root project: the CLI compiled, for the tests that run bin/alm.js.
    globalSetup: ['test/support/buildCli.ts'],
    projects: [
      { test: { ...common, name: 'unit', include: ['test/**/*.test.ts'], exclude: ONE_AT_A_TIME, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'one-at-a-time', include: ONE_AT_A_TIME, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
