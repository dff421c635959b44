/**
 * Step 3a, a deliberately worse candidate: the bootstrap CSV with its labels shuffled, ingested
 * with fast options (POST /ingest, text/csv, the key), found in GET /versions by its dataset
 * digest, and its verdict waited for (expected: rejected, judged on recent labeled production rows).
 */
import { until, type HealApi } from './api.js';
import { waitForVerdict, type VerdictFigures } from './verdict.js';

export interface WorseCandidate {
  readonly version: string;
  readonly verdict: VerdictFigures;
  readonly seconds: number;
}

export async function worseCandidate(api: HealApi, csv: string, query: string, timeoutMs = 300_000): Promise<WorseCandidate> {
  const started = Date.now();
  const ingest = await api.call('POST', `/ingest${query}`, csv, 'text/csv');
  if (ingest.status !== 202) throw new Error(`POST /ingest answered ${ingest.status}: ${JSON.stringify(ingest.json).slice(0, 300)}`);
  const digest = ingest.json.dataset_digest as string;
  const version = await until(`a version trained on ${digest.slice(0, 12)}…`, async () => {
    const { versions } = (await api.get('/versions')) as { versions: { version: string; complete: boolean; metadata: { dataset_digest: string } | null }[] };
    if (!Array.isArray(versions)) throw new Error('GET /versions: no versions array');
    return versions.find((v) => v.complete && v.metadata?.dataset_digest === digest)?.version;
  }, timeoutMs);
  const verdict = await waitForVerdict(api, version, Math.max(30_000, timeoutMs - (Date.now() - started)));
  return { version, verdict, seconds: (Date.now() - started) / 1000 };
}
