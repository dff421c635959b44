import { sqsBatchHandler } from '../shared/aws/sqsBatch.js';
import { TrainMessageSchema } from '../shared/lifecycle/messages.js';
import { trainAndRegister } from '../shared/lifecycle/trainAndRegister.js';
import { runtime } from '../shared/runtime/runtime.js';

/** Train queue consumer: trains, registers a candidate version, asks for a promotion decision. */
export const handler = sqsBatchHandler(TrainMessageSchema, (message) => {
  const { datasets, registry, promoteQueue, config } = runtime();
  return trainAndRegister({ datasets, registry, promoteQueue, staleRunAfterMs: config.ALM_STALE_RUN_SECONDS * 1000 }, message);
});
