import { GuardSettingsSchema, judgePromotion, type GuardSettings } from '../decision/postPromotionGuard.js';
import type { Clock } from '../ports/clock.js';
import type { Metrics } from '../ports/metrics.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { measureLiveQuality } from './measureLiveQuality.js';
import { recordedQuality } from './recordedQuality.js';
import { shadowQuality } from './shadowQuality.js';
import { labeledPredictions } from '../serving/labeledPredictions.js';

export type GuardOutcome =
  | { readonly status: 'idle'; readonly reason: string }
  | { readonly status: 'wait' | 'keep' | 'rolled_back'; readonly version: string; readonly reason: string; readonly promoted_at: string };

/**
 * The post-promotion guard: after a promotion (the pointer's last event is a `promote`, with a
 * previous version), the new version's live quality — on the labeled predictions it served
 * since it was promoted — is compared with its predecessor's on the same rows
 * (`shadowQuality`: the predecessor's own outputs on the logged records). Comparing with the
 * predecessor's live quality of an earlier window would count a drift in between against the new
 * version (a retrain on drifted data judged against its predecessor's figure from before the
 * drift). Only when the two are not comparable on those rows (other target or classes) is the
 * predecessor's recorded live quality used (`registry/live-quality/`; else measured on what it
 * served in the `baselineMinutes` before the promotion; else the figure it was recorded with,
 * `recordedQuality`). Worse by more than the margin, once enough labeled rows have
 * arrived, rolls production back (actor `guard`, the figures as the reason, in the history).
 * Counted as `alm_rollbacks_total{trigger="guard"}`. The rollback is conditional on production still being
 * that version, so a promotion in between is never undone by mistake.
 */
export async function guardProduction(
  ports: { readonly registry: ModelRegistry; readonly clock: Clock; readonly metrics: Metrics },
  settings: Partial<GuardSettings> = {},
): Promise<GuardOutcome> {
  const { registry, clock } = ports;
  const production = await registry.production.get();
  const pointer = production?.pointer;
  if (!pointer || pointer.previous === null || pointer.history.at(-1)?.kind !== 'promote') {
    return { status: 'idle', reason: 'no promotion to watch' };
  }
  const previous = pointer.previous;
  const { baselineMinutes } = GuardSettingsSchema.parse(settings);
  const promotedAt = new Date(pointer.promoted_at);
  const servedBefore = async () => {
    const window = { from: new Date(promotedAt.getTime() - baselineMinutes * 60_000), to: promotedAt };
    return measureLiveQuality(registry, previous, (await labeledPredictions(registry, window)).rows, pointer.promoted_at);
  };
  const now = clock.now();
  const { rows } = await labeledPredictions(registry, { from: promotedAt, to: now });
  const current = await measureLiveQuality(registry, pointer.version, rows, now.toISOString());
  const promoted_at = pointer.promoted_at;
  if (!current) return { status: 'wait', version: pointer.version, reason: `no labeled predictions of ${pointer.version} yet`, promoted_at };
  const shadow = await shadowQuality(registry, previous, pointer.version, rows);
  const recorded = async (): Promise<{ live: number; rows: number }> => {
    const { score, rows: n } = await recordedQuality(registry, previous);
    return { live: score, rows: n };
  };
  const predecessor: { live: number; rows: number } = shadow ?? (await registry.quality.get(previous)) ?? (await servedBefore()) ?? (await recorded());
  const verdict = judgePromotion(
    {
      metric: current.metric,
      version: pointer.version,
      live: current.live,
      rows: current.rows,
      predecessor: previous,
      predecessorLive: predecessor.live,
      predecessorRows: predecessor.rows,
      sameRows: shadow !== undefined,
    },
    settings,
  );
  if (verdict.action !== 'rollback') return { status: verdict.action, version: pointer.version, reason: verdict.reason, promoted_at };
  await registry.production.rollback({ reason: verdict.reason, actor: 'guard' }, pointer.version);
  ports.metrics.increment('alm_rollbacks_total', { trigger: 'guard' });
  return { status: 'rolled_back', version: pointer.version, reason: verdict.reason, promoted_at };
}
