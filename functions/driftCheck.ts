import { ApiGatewayEventSchema } from '../shared/http/apiGatewayEvent.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { httpHandler } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { checkDrift } from '../shared/lifecycle/checkDrift.js';
import { runtime } from '../shared/runtime/runtime.js';

/** `POST /drift-check` (admin): run the check now and return the report. */
const onHttp = httpHandler(async (event) => {
  const { registry, datasets, config } = runtime();
  requireApiKey(event, config.ALM_API_KEY);
  return json(200, await checkDrift({ registry, datasets }));
});

/** The schedule: run the check and log the report. */
async function onSchedule(): Promise<void> {
  const { registry, datasets } = runtime();
  console.log(JSON.stringify({ level: 'info', drift: await checkDrift({ registry, datasets }) }));
}

export const handler = (event: unknown) => (ApiGatewayEventSchema.safeParse(event).success ? onHttp(event) : onSchedule());
