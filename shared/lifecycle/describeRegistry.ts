import type { ModelRegistry } from '../registry/modelRegistry.js';
import { readMetrics, VerdictSchema, type Verdict } from './decidePromotion.js';

/**
 * The registry at a glance, for `GET /status` and `alm status`: the production pointer and its
 * metrics, and the most recent versions with their verdicts (null while undecided).
 */
export async function describeRegistry(registry: ModelRegistry, recent = 10) {
  const production = await registry.getProduction();
  const versions = await registry.listVersions();
  const latest = versions.slice(-recent).reverse();
  const candidates = await Promise.all(
    latest.map(async (v) => {
      const verdict = await registry.getVerdict(v.version);
      return { ...v, verdict: verdict ? (VerdictSchema.parse(verdict) as Verdict) : null };
    }),
  );
  return {
    production: production
      ? { ...production.pointer, history: production.pointer.history.slice(-recent), metrics: await readMetrics(registry, production.pointer.version) }
      : null,
    versions: versions.length,
    candidates,
  };
}
