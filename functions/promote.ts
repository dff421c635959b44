import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { jsonBody } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { decidePromotion } from '../shared/lifecycle/decidePromotion.js';
import { PromoteMessageSchema } from '../shared/lifecycle/messages.js';
import { ManualPromotionSchema, ManualRollbackSchema, promoteManually, rollbackManually } from '../shared/lifecycle/moveProduction.js';
import { promotionSettingsOf } from '../shared/runtime/runtimeConfig.js';
import { instrumentation, runtime } from '../shared/runtime/runtime.js';

/**
 * `promote`: the promote queue judges each candidate against production (champion vs challenger
 * on a shared holdout, paired bootstrap) and records the verdict once; `POST /promote {version, reason}` and `POST /rollback {reason}` (admin) move the pointer by hand.
 */
export const handler = eventHandler(
  {
    sqs: sqsBatchProcessor(PromoteMessageSchema, (message) => {
      const { registry, clock, metrics, config } = runtime();
      return decidePromotion({ registry, clock, metrics, settings: promotionSettingsOf(config) }, message);
    }),
    http: httpRoutes({
      'POST /promote': async (request) => {
        const { registry, metrics, config } = runtime();
        requireApiKey(request, config.ALM_API_KEY);
        return json(200, await promoteManually({ registry, metrics }, jsonBody(request, ManualPromotionSchema), 'api'));
      },
      'POST /rollback': async (request) => {
        const { registry, metrics, config } = runtime();
        requireApiKey(request, config.ALM_API_KEY);
        return json(200, await rollbackManually({ registry, metrics }, jsonBody(request, ManualRollbackSchema), 'api'));
      },
    }),
  },
  instrumentation,
);
