import { z } from 'zod';
import { SqsEventSchema, sqsBatchHandler } from '../shared/aws/sqsBatch.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { httpHandler, jsonBody } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { decidePromotion } from '../shared/lifecycle/decidePromotion.js';
import { PromoteMessageSchema } from '../shared/lifecycle/messages.js';
import { VersionIdSchema } from '../shared/registry/ids.js';
import { runtime } from '../shared/runtime/runtime.js';

const ReasonSchema = z.string().trim().min(1, 'a reason is required').max(500);
const PromoteRequestSchema = z.object({ version: VersionIdSchema, reason: ReasonSchema });
const RollbackRequestSchema = z.object({ reason: ReasonSchema });

/** Promote queue consumer: judges a candidate against production, records the verdict once. */
const onQueue = sqsBatchHandler(PromoteMessageSchema, (message) => decidePromotion({ registry: runtime().registry }, message));

/** `POST /promote {version, reason}` and `POST /rollback {reason}` (admin): manual moves of the pointer. */
const onHttp = httpHandler(async (event) => {
  const { registry, config } = runtime();
  requireApiKey(event, config.ALM_API_KEY);
  if (event.path.endsWith('/rollback')) {
    const { reason } = jsonBody(event, RollbackRequestSchema);
    return json(200, await registry.rollback({ reason, actor: 'api' }));
  }
  const { version, reason } = jsonBody(event, PromoteRequestSchema);
  return json(200, await registry.promote(version, { reason, actor: 'api' }));
});

export const handler = (event: unknown) => (SqsEventSchema.safeParse(event).success ? onQueue(event) : onHttp(event));
