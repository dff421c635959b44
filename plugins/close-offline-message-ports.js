// Local serverless v3 plugin: closes the MessageChannel that serverless-offline 13 opens for each
// invocation of a Node handler in a worker thread. WorkerThreadRunner.run() creates a channel per
// call, listens on port1 for the worker's answer and never closes it. A MessagePort with a
// 'message' listener is an active handle (process.getActiveResourcesInfo() lists it), so it is
// never collected: every request left one in the main thread, with its listeners, the closure of
// its promise and a libuv async handle. Over 100,000 POST /predict requests serverless-offline's
// RSS grew past 1.4 GiB and each call slowed from 7.5 to 77 ms (libuv scans every async handle on
// each wake-up). No serverless-offline setting avoids it short of `useInProcess`, which would run
// every function, AutoML training included, on the event loop that serves the API.
// Here run() is wrapped: the channel it opens (a MessageChannel subclass records it, during the
// synchronous part of run() only) is closed once the call has settled. Closing one end closes
// both, so the worker's port goes too. Offline only: nothing of this is deployed.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import workerThreads from 'node:worker_threads';

const require = createRequire(import.meta.url);
const RUNNER = 'lambda/handler-runner/worker-thread-runner/WorkerThreadRunner.js';

/** The ports opened during the synchronous part of one run() call (undefined outside it). */
let opened;

function recordChannels() {
  const Channel = workerThreads.MessageChannel;
  if (Channel.recordsPorts) return;
  class RecordedMessageChannel extends Channel {
    constructor() {
      super();
      opened?.push(this.port1);
    }
  }
  RecordedMessageChannel.recordsPorts = true;
  workerThreads.MessageChannel = RecordedMessageChannel;
  syncBuiltinESMExports(); // WorkerThreadRunner.js imports { MessageChannel } from 'node:worker_threads'
}

/** Wraps `WorkerThreadRunner.prototype.run` so that each call's channel is closed once it settled (idempotent). */
export function patchWorkerThreadRunner(WorkerThreadRunner) {
  const prototype = WorkerThreadRunner.prototype;
  if (prototype.run.closesPorts) return;
  recordChannels();
  const run = prototype.run;
  const closingRun = function (event, context) {
    const ports = [];
    opened = ports;
    let answer;
    try {
      answer = run.call(this, event, context);
    } finally {
      opened = undefined;
    }
    const close = () => ports.forEach((port) => port.close());
    answer.then(close, close); // the caller still gets `answer`, and its rejection
    return answer;
  };
  closingRun.closesPorts = true;
  prototype.run = closingRun;
}

/** serverless-offline's WorkerThreadRunner module, by file (the package exports no such subpath). */
export async function loadWorkerThreadRunner() {
  const main = require.resolve('serverless-offline');
  return (await import(pathToFileURL(join(dirname(main), RUNNER)).href)).default;
}

export default class CloseOfflineMessagePorts {
  constructor() {
    const patch = async () => patchWorkerThreadRunner(await loadWorkerThreadRunner());
    this.hooks = { 'before:offline:start': patch, 'before:offline:start:init': patch };
  }
}
