import { parseModel } from '../automl/pipeline/modelArtifact.js';
import type { TrainingMetrics } from '../automl/training/reports.js';
import { pairedBootstrap } from '../decision/bootstrap/pairedBootstrap.js';
import { resampledScore } from '../decision/bootstrap/resampledScore.js';
import { judgeChallenger } from '../decision/challengerPolicy.js';
import { judgeCandidate, type Judgement } from '../decision/promotionPolicy.js';
import type { Clock } from '../ports/clock.js';
import type { Metrics } from '../ports/metrics.js';
import type { VersionId } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { RecordVerdictResult, Verdict } from '../registry/schemas.js';
import type { PromoteMessage } from './messages.js';
import { PromotionSettingsSchema, type PromotionSettings, type PromotionSettingsInput } from './promotionSettings.js';
import { formatCsv } from '../automl/data/formatCsv.js';
import { parseCsv } from '../automl/data/parseCsv.js';
import { labeledPredictions } from '../serving/labeledPredictions.js';
import { labeledRowCells } from './retrainingData.js';
import { readDatasetSchema, readMetrics, readTestPredictions } from './readArtifacts.js';
import { sharedHoldout, type HoldoutSource } from './sharedHoldout.js';
import { acceptModel } from './acceptModel.js';
import { ModelRejectedError } from './errors.js';

export interface PromotionPorts {
  readonly registry: ModelRegistry;
  readonly clock: Clock;
  /** Where verdicts and promotions are counted (`alm_rejections_total`, `alm_promotions_total{trigger="verdict"}`). */
  readonly metrics: Metrics;
  readonly settings?: PromotionSettingsInput;
}

export interface PromotionOutcome {
  readonly verdict: Verdict;
  /** False when the verdict already existed (a replayed message). */
  readonly decidedNow: boolean;
  /** Whether this call moved the production pointer. */
  readonly promotedNow: boolean;
}

/**
 * The promote use case: judge candidate `version` against production, record the verdict once
 * (the first verdict wins), and move the pointer if promoted. A replayed message finds the
 * verdict and changes nothing, except finishing a promotion that a crash interrupted (a
 * 'promoted' verdict whose version never entered the history).
 *
 * The first model is judged alone (`judgeCandidate`: better than a trivial baseline). Later ones
 * meet production on the SAME holdout (`holdoutSource`: recent labeled production rows the
 * candidate did not train on, else its own test split), scored by both, and are promoted only when the gain beats the margin and is
 * significant under a paired bootstrap (`judgeChallenger`); the verdict keeps both scores and
 * the interval. A version without its training options (registered before they were kept) is
 * judged by the former rule, each on its own test split. A candidate whose model.json fails
 * `acceptModel` is rejected with the refusal as its reason, whatever its figures.
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
      await acceptModel(registry.versions, verdict.version, ports.metrics, 'promote'); // altered since its verdict: refused, the message retried
      await registry.production.promote(verdict.version, { reason: verdict.reason, actor: 'promote-queue' });
      promotedNow = true;
    }
  }
  if (created && verdict.decision !== 'promoted') ports.metrics.increment('alm_rejections_total');
  if (promotedNow) ports.metrics.increment('alm_promotions_total', { trigger: 'verdict' });
  return { verdict, decidedNow: created, promotedNow };
}

async function judgeAndRecord(ports: PromotionPorts, version: VersionId): Promise<RecordVerdictResult> {
  const { registry } = ports;
  const candidate = await readMetrics(registry.versions, version);
  const refused = await refusal(ports, version);
  const production = await registry.production.get();
  const productionVersion = production?.pointer.version ?? null;
  const incumbent = productionVersion ? await readMetrics(registry.versions, productionVersion) : undefined;
  const metric = candidate.primary_metric;
  const own = {
    version,
    primary_metric: metric,
    candidate_score: candidate.test[metric],
    production_version: productionVersion,
    production_score: incumbent ? (incumbent.test[metric] ?? null) : null,
    decided_at: ports.clock.now().toISOString(),
  };
  if (refused) return registry.verdicts.record({ decision: 'rejected', reason: refused, ...own });
  if (!productionVersion || !incumbent) return registry.verdicts.record({ ...judgeCandidate(candidate), ...own });
  if (incumbent.primary_metric !== metric || incumbent.task !== candidate.task) {
    return registry.verdicts.record({ ...judgeCandidate(candidate, incumbent), ...own });
  }

  const settings = PromotionSettingsSchema.parse(ports.settings ?? {});
  const source = await holdoutSource(registry, version, candidate, ports.clock.now(), settings);
  if (!source) return registry.verdicts.record({ ...judgeCandidate(candidate, incumbent), ...own });
  const [challengerPipeline, championPipeline] = await Promise.all(
    [version, productionVersion].map(async (v) => parseModel(await registry.versions.readFile(v, 'model.json'))),
  );
  const holdout = sharedHoldout(source, challengerPipeline, championPipeline);
  if ('notComparable' in holdout) {
    const judgement: Judgement = { decision: 'rejected', reason: `not comparable on a shared holdout: ${holdout.notComparable}` };
    return registry.verdicts.record({ ...judgement, ...own });
  }
  const nClasses = candidate.n_classes;
  const comparison = pairedBootstrap(
    resampledScore(candidate.task, holdout.y, holdout.champion, nClasses),
    resampledScore(candidate.task, holdout.y, holdout.challenger, nClasses),
    holdout.y.length,
    settings.bootstrap,
  );
  return registry.verdicts.record({
    ...judgeChallenger(comparison, settings.policy),
    ...own,
    candidate_score: comparison.challenger,
    production_score: comparison.champion,
    comparison: { ...comparison, holdout: { source: holdout.source, dataset_digest: holdout.dataset_digest } },
  });
}

/** Why `version`'s model.json is refused (`acceptModel`: counted), or undefined when it is sound. */
async function refusal(ports: PromotionPorts, version: VersionId): Promise<string | undefined> {
  try {
    await acceptModel(ports.registry.versions, version, ports.metrics, 'promote');
    return undefined;
  } catch (error) {
    if (error instanceof ModelRejectedError) return `refused: ${error.message}`;
    throw error;
  }
}

/**
 * The holdout of `version`, rows it did not train on whose labels are ground truth when there is
 * any: the recent labeled rows its retraining kept out (its lineage's holdout); else the labeled
 * production rows of the recent window (a manually ingested candidate never saw them); else,
 * with no production labels yet, its own test split (with the outputs of its shipped model when
 * that was refitted on every row: `metrics` says). Undefined for a version without its training
 * options.
 */
async function holdoutSource(
  registry: ModelRegistry, version: VersionId, metrics: TrainingMetrics, now: Date, settings: PromotionSettings,
): Promise<HoldoutSource | undefined> {
  const { metadata } = await registry.versions.manifest(version);
  const lineageHoldout = (await registry.lineage.get(version))?.data?.holdout_digest;
  const lineageCsv = lineageHoldout ? await registry.datasets.get(lineageHoldout) : undefined;
  if (lineageHoldout && lineageCsv !== undefined) return { kind: 'recent_labeled', csv: lineageCsv, digest: lineageHoldout };
  const csv = metadata.train_options && (await registry.datasets.get(metadata.dataset_digest));
  if (!metadata.train_options || csv === undefined) return undefined;
  const window = { from: new Date(now.getTime() - settings.recentWindowMinutes * 60_000), to: now };
  const { rows } = await labeledPredictions(registry, window);
  if (rows.length >= settings.minHoldoutRows) {
    const { columns } = parseCsv(csv);
    const target = (await readDatasetSchema(registry.versions, version)).target.name;
    const recentCsv = formatCsv(columns, rows.map(labeledRowCells(columns, target)));
    const { digest } = await registry.datasets.put(recentCsv);
    return { kind: 'recent_labeled', csv: recentCsv, digest };
  }
  const refitted = metrics.shipped_model?.fit_on === 'all_labeled_rows';
  const challengerOutputs = refitted ? (await readTestPredictions(registry.versions, version)).values : undefined;
  return { kind: 'test_split', csv, digest: metadata.dataset_digest, options: metadata.train_options, ...(challengerOutputs ? { challengerOutputs } : {}) };
}
