import { writeSync } from 'node:fs';
import { describeTrainingEvent } from '../shared/automl/training/describeTrainingEvent.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { trainingProgressLine } from '../shared/edge/trainingProgressLog.js';
import { sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { TrainMessageSchema } from '../shared/lifecycle/messages.js';
import { trainAndRegister } from '../shared/lifecycle/trainAndRegister.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/**
 * `train`: the train queue consumer. Trains, registers a candidate version and asks for a
 * promotion decision. Each progress event is logged as `{"level":"info","training":"…"}`, written
 * synchronously to stdout: training blocks the event loop, and an asynchronous console (as in a
 * worker thread under serverless-offline) would hold every line back until it ends.
 */
export const handler = eventHandler(
  {
    sqs: sqsBatchProcessor(TrainMessageSchema, (message) => {
      const { registry, promoteQueue, config, clock, libraryVersions, metrics } = runtime();
      const onEvent = (event: Parameters<typeof describeTrainingEvent>[0]) => {
        for (const line of describeTrainingEvent(event)) writeSync(1, trainingProgressLine(line));
      };
      return trainAndRegister(
        { registry, promoteQueue, training: { clock, libraryVersions, onEvent }, staleRunAfterMs: config.ALM_STALE_RUN_SECONDS * 1000, metrics },
        message,
      );
    }),
  },
  instrumentation,
);
