import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { sqsBatchProcessor } from '../shared/edge/sqsBatchProcessor.js';
import { jsonBody } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { adminRoute, guardRoutes } from '../shared/http/routeAccess.js';
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
    http: httpRoutes(guardRoutes({
      'POST /promote': adminRoute('ALM_MAX_CONTROL_BODY_BYTES', async (request) => {
        const { registry, metrics } = runtime();
        return json(200, await promoteManually({ registry, metrics }, jsonBody(request, ManualPromotionSchema), 'api'));
      }),
      'POST /rollback': adminRoute('ALM_MAX_CONTROL_BODY_BYTES', async (request) => {
        const { registry, metrics } = runtime();
        return json(200, await rollbackManually({ registry, metrics }, jsonBody(request, ManualRollbackSchema), 'api'));
      }),
    }, () => runtime().guards)),
  },
  instrumentation,
);
