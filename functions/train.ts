import { describeTrainingEvent } from '../shared/automl/training/describeTrainingEvent.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { TrainMessageSchema } from '../shared/lifecycle/messages.js';
import { trainAndRegister } from '../shared/lifecycle/trainAndRegister.js';
import { runtime } from '../shared/runtime/runtime.js';

/**
 * `train`: the train queue consumer. Trains, registers a candidate version and asks for a
 * promotion decision; each progress event is logged as `{"level":"info","training":"…"}`.
 */
export const handler = eventHandler({
  sqs: sqsBatchProcessor(TrainMessageSchema, (message) => {
    const { registry, promoteQueue, config, clock, libraryVersions } = runtime();
    const onEvent = (event: Parameters<typeof describeTrainingEvent>[0]) => {
      for (const line of describeTrainingEvent(event)) console.log(JSON.stringify({ level: 'info', training: line }));
    };
    return trainAndRegister(
      { registry, promoteQueue, training: { clock, libraryVersions, onEvent }, staleRunAfterMs: config.ALM_STALE_RUN_SECONDS * 1000 },
      message,
    );
  }),
});
