import { bodyText, header } from '../shared/http/apiGatewayEvent.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { httpHandler } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { InvalidRequestError } from '../shared/lifecycle/errors.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import { trainOptionsFromQuery } from '../shared/lifecycle/trainOptionsFromQuery.js';
import { runtime } from '../shared/runtime/runtime.js';

/** `POST /ingest` (admin) — a labeled CSV body (`content-type: text/csv`); 202 once queued for training. */
export const handler = httpHandler(async (event) => {
  const { config, datasets, trainQueue } = runtime();
  requireApiKey(event, config.ALM_API_KEY);
  const contentType = header(event, 'content-type') ?? '';
  if (!contentType.startsWith('text/csv')) throw new InvalidRequestError(`expected content-type text/csv, got '${contentType}'`);
  const result = await ingestDataset({ datasets, trainQueue }, bodyText(event), trainOptionsFromQuery(event.query));
  return json(202, { status: 'queued', ...result });
});
