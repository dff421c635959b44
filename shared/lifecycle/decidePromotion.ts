import { z } from 'zod';
import { TrainingMetricsSchema, type TrainingMetrics } from '../automl/training/reports.js';
import { DecisionSchema, judgeCandidate } from '../decision/promotionPolicy.js';
import { VersionIdSchema, type VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { PromoteMessage } from './messages.js';

/** `registry/verdicts/vNNNN.json`: what was decided about a candidate, once. */
export const VerdictSchema = z.object({
  version: VersionIdSchema,
  decision: DecisionSchema,
  reason: z.string(),
  primary_metric: z.string(),
  candidate_score: z.number(),
  production_version: VersionIdSchema.nullable(),
  production_score: z.number().nullable(),
  decided_at: z.string(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export interface PromotionPorts {
  readonly registry: ModelRegistry;
  readonly now?: () => Date;
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
  const existing = await registry.getVerdict(message.version);
  const recorded = existing
    ? { created: false, verdict: VerdictSchema.parse(existing) }
    : await judgeAndRecord(ports, message.version);
  const verdict = VerdictSchema.parse(recorded.verdict);
  let promotedNow = false;
  if (verdict.decision === 'promoted') {
    const production = await registry.getProduction();
    const everServed = production?.pointer.history.some((event) => event.version === verdict.version) ?? false;
    if (!everServed) {
      await registry.promote(verdict.version, { reason: verdict.reason, actor: 'promote-queue' });
      promotedNow = true;
    }
  }
  return { verdict, decidedNow: recorded.created, promotedNow };
}

async function judgeAndRecord(ports: PromotionPorts, version: VersionId): Promise<{ created: boolean; verdict: unknown }> {
  const { registry } = ports;
  const candidate = await readMetrics(registry, version);
  const production = await registry.getProduction();
  const incumbent = production ? await readMetrics(registry, production.pointer.version) : undefined;
  const judgement = judgeCandidate(candidate, incumbent);
  const metric = candidate.primary_metric;
  const verdict: Verdict = {
    version,
    decision: judgement.decision,
    reason: judgement.reason,
    primary_metric: metric,
    candidate_score: candidate.test[metric],
    production_version: production?.pointer.version ?? null,
    production_score: incumbent ? (incumbent.test[metric] ?? null) : null,
    decided_at: (ports.now?.() ?? new Date()).toISOString(),
  };
  return registry.recordVerdict(version, verdict);
}

/** A version's `metrics.json`. */
export async function readMetrics(registry: ModelRegistry, version: VersionId): Promise<TrainingMetrics> {
  return TrainingMetricsSchema.parse(JSON.parse(await registry.readFile(version, 'metrics.json')));
}
