import { z } from 'zod';
import { CandidateNameSchema } from '../shared/automl/candidates/candidate.js';
import { bodyText, header } from '../shared/http/apiGatewayEvent.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { httpHandler } from '../shared/http/httpHandler.js';
import { json } from '../shared/http/responses.js';
import { InvalidRequestError } from '../shared/lifecycle/errors.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import { runtime } from '../shared/runtime/runtime.js';

/** Training options a caller may set in the query string. */
const IngestQuerySchema = z.object({
  target: z.string().min(1).optional(),
  seed: z.coerce.number().int().optional(),
  candidates: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(CandidateNameSchema))
    .optional(),
  cv_folds: z.coerce.number().int().optional(),
});

/** `POST /ingest` (admin) — a labeled CSV body (`content-type: text/csv`); 202 once queued for training. */
export const handler = httpHandler(async (event) => {
  const { config, datasets, trainQueue } = runtime();
  requireApiKey(event, config.ALM_API_KEY);
  const contentType = header(event, 'content-type') ?? '';
  if (!contentType.startsWith('text/csv')) throw new InvalidRequestError(`expected content-type text/csv, got '${contentType}'`);
  const query = IngestQuerySchema.parse(event.query);
  const result = await ingestDataset({ datasets, trainQueue }, bodyText(event), query);
  return json(202, { status: 'queued', ...result });
});
