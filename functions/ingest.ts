import { parseTrainOptionsText } from '../shared/automl/training/prepareDataset.js';
import { eventHandler } from '../shared/edge/eventHandler.js';
import { httpRoutes } from '../shared/edge/httpRoutes.js';
import { requireApiKey } from '../shared/http/apiKey.js';
import { UnsupportedMediaTypeError } from '../shared/http/errors.js';
import { bodyText, header } from '../shared/http/request.js';
import { json } from '../shared/http/responses.js';
import { ingestDataset } from '../shared/lifecycle/ingestDataset.js';
import { runtime } from '../shared/runtime/runtime.js';

/**
 * `POST /ingest` (admin): a labeled CSV body (`content-type: text/csv`), training options in
 * the query string (`?seed=7&candidates=linear`); 202 once stored and queued for training.
 */
export const handler = eventHandler({
  http: httpRoutes({
    'POST /ingest': async (request) => {
      const { config, registry, trainQueue } = runtime();
      requireApiKey(request, config.ALM_API_KEY);
      const contentType = header(request, 'content-type') ?? '';
      if (!contentType.startsWith('text/csv')) throw new UnsupportedMediaTypeError(`expected content-type text/csv, got '${contentType}'`);
      const options = parseTrainOptionsText(request.query);
      const result = await ingestDataset({ datasets: registry.datasets, trainQueue }, bodyText(request), options);
      return json(202, { status: 'queued', ...result });
    },
  }),
});
