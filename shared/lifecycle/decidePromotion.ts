import { judgeCandidate } from '../decision/promotionPolicy.js';
import type { Clock } from '../ports/clock.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { RecordVerdictResult, Verdict } from '../registry/schemas.js';
import type { PromoteMessage } from './messages.js';
import { readMetrics } from './readArtifacts.js';

export interface PromotionPorts {
  readonly registry: ModelRegistry;
  readonly clock: Clock;
}

export interface PromotionOutcome {
  readonly verdict: Verdict;
  /** False when the verdict already existed (a replayed message). */
  readonly decidedNow: boolean;
  /** Whether this call moved the production pointer. */
  readonly promotedNow: boolean;
}

/**
 * The promote use case: judge candidate `version` against production (see `judgeCandidate`),
 * record the verdict once (the first verdict wins), and move the pointer if promoted. A replayed
 * message finds the verdict and changes nothing, except finishing a promotion that a crash
 * interrupted (a 'promoted' verdict whose version never entered the history).
 */
export async function decidePromotion(ports: PromotionPorts, message: PromoteMessage): Promise<PromotionOutcome> {
  const { registry } = ports;
  const existing = await registry.verdicts.get(message.version);
  const { verdict, created } = existing ? { verdict: existing, created: false } : await judgeAndRecord(ports, message.version);
  let promotedNow = false;
  if (verdict.decision === 'promoted') {
    const production = await registry.production.get();
    const everServed = production?.pointer.history.some((event) => event.version === verdict.version) ?? false;
    if (!everServed) {
      await registry.production.promote(verdict.version, { reason: verdict.reason, actor: 'promote-queue' });
      promotedNow = true;
    }
  }
  return { verdict, decidedNow: created, promotedNow };
}

async function judgeAndRecord(ports: PromotionPorts, version: VersionId): Promise<RecordVerdictResult> {
  const { registry } = ports;
  const candidate = await readMetrics(registry.versions, version);
  const production = await registry.production.get();
  const incumbent = production ? await readMetrics(registry.versions, production.pointer.version) : undefined;
  const judgement = judgeCandidate(candidate, incumbent);
  const metric = candidate.primary_metric;
  return registry.verdicts.record({
    ...judgement,
    version,
    primary_metric: metric,
    candidate_score: candidate.test[metric],
    production_version: production?.pointer.version ?? null,
    production_score: incumbent ? (incumbent.test[metric] ?? null) : null,
    decided_at: ports.clock.now().toISOString(),
  });
}
