import { decideOnDrift } from '../decision/driftDecision.js';
import { currentColumns } from '../drift/check/currentColumns.js';
import { datasetDrift } from '../drift/check/datasetDrift.js';
import { renderDriftReport } from '../drift/report/renderDriftReport.js';
import type { Clock } from '../ports/clock.js';
import type { MessageQueue } from '../ports/messageQueue.js';
import type { Metrics } from '../ports/metrics.js';
import type { DriftDecisionRecord, DriftReportDocument, DriftWindow } from '../registry/schemas.js';
import { VersionNotFoundError } from '../registry/errors.js';
import { reportIdOf } from '../registry/ids.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { DriftCheckSettingsSchema, type DriftCheckSettingsInput } from './driftCheckSettings.js';
import type { TrainMessage } from './messages.js';
import { readCalibration, readDriftReference, readMultivariateReference } from './readArtifacts.js';
import { measureLiveQuality } from './measureLiveQuality.js';
import { joinLabels } from '../serving/labeledPredictions.js';
import { conceptDriftReason } from '../decision/liveQuality.js';
import { reportDriftGauges } from './driftGauges.js';
import { requestRetrain } from './requestRetrain.js';
import { mostRecent, servedRows } from './servedRows.js';

export interface DriftCheckPorts {
  readonly registry: ModelRegistry;
  readonly trainQueue: MessageQueue<TrainMessage>;
  readonly metrics: Metrics;
  readonly clock: Clock;
}

export type DriftCheckOutcome =
  | { readonly status: 'no_model' | 'no_reference'; readonly model_version?: string }
  | {
      readonly status: 'checked' | 'already_checked';
      readonly report_id: string;
      readonly model_version: string;
      readonly action: DriftDecisionRecord['action'];
      readonly reasons: string[];
      readonly dataset_drift: boolean;
      readonly drift_share: number;
      readonly current_rows: number;
      readonly train_requested: boolean;
    };

/**
 * The drift check on live traffic: the production version's stored references
 * (`drift_reference.json`, and when it has them `multivariate_reference.json` and
 * `calibration.json`: multivariate drift, the performance estimated without labels) against the
 * prediction log of the sliding window, and its live quality
 * on the window's labeled predictions (stored; a drop is concept drift), then the decision.
 * Writes, in this order, `reports/<id>.json` + `.html` (the id is the check's instant), the train
 * message when the decision is `retrain` (`requestRetrain`: the data it trains on and the
 * trigger), the decision record, and the
 * state the next decision needs (consecutive count, last retrain). Every check is counted
 * (`alm_drift_checks_total{action}`) and reports its gauges (`reportDriftGauges`). A version registered before references were stored is
 * `no_reference`. `hold` (see `watchProduction`) keeps a large-drift window from retraining.
 */
export async function runDriftCheck(ports: DriftCheckPorts, settingsInput: DriftCheckSettingsInput = {}, hold: string | null = null): Promise<DriftCheckOutcome> {
  const { registry, clock } = ports;
  const settings = DriftCheckSettingsSchema.parse(settingsInput);
  const production = await registry.production.get();
  if (!production) return { status: 'no_model' };
  const version = production.pointer.version;
  const reference = await readDriftReference(registry.versions, version).catch((error: unknown) => {
    if (error instanceof VersionNotFoundError) return undefined;
    throw error;
  });
  if (!reference) return { status: 'no_reference', model_version: version };

  const now = clock.now();
  const window: DriftWindow = { from: new Date(now.getTime() - settings.windowMinutes * 60_000).toISOString(), to: now.toISOString() };
  const range = { from: new Date(window.from), to: now };
  const [read, labels] = await Promise.all([registry.predictions.read(range), registry.labels.read(range)]);
  const logged = mostRecent(read.records, settings.maxRows);
  const served = logged.filter((record) => record.model_version === version);
  const features = currentColumns(servedRows(logged, reference.prediction), { columns: reference.columns });
  const outputs = currentColumns(servedRows(served, reference.prediction), { columns: {}, prediction: reference.prediction });
  const [multivariate, calibration] = await Promise.all([readMultivariateReference(registry.versions, version), readCalibration(registry.versions, version)]);
  const result = datasetDrift(
    { reference: { ...reference, multivariate, calibration }, current: { columns: features.columns, prediction: outputs.prediction } },
    { ...settings.tests, min_rows: settings.minRows },
  );

  const quality = await measureLiveQuality(registry, version, joinLabels(read, labels.records).rows, window.to);
  if (quality) await registry.quality.put(quality);
  const conceptDrift = quality ? conceptDriftReason(quality, settings.quality.maxDrop, settings.quality.minRows) : null;

  const state = await registry.drift.state();
  const lastRetrainAt = state?.last_retrain_at ?? null;
  const decision = decideOnDrift(result, {
    settings: settings.decision,
    importances: reference.importances,
    now: window.to,
    lastRetrainAt,
    previousConsecutive: state && state.model_version === version ? state.consecutive_drifted_windows : 0,
    conceptDrift,
    hold,
  });
  const id = reportIdOf(now);
  const trainRequested = decision.action === 'retrain';
  const record: DriftDecisionRecord = { ...decision, report_id: id, decided_at: window.to, model_version: version, window, train_requested: trainRequested, quality: quality ?? null };
  const document: DriftReportDocument = {
    id,
    generated_at: window.to,
    model_version: version,
    window,
    reference_rows: reference.rows,
    current_rows: logged.length,
    model_rows: served.length,
    result,
    decision: record,
    quality: quality ?? null,
  };
  const html = renderDriftReport({
    result,
    decision,
    title: `Drift check ${id}`,
    model_version: version,
    reference_rows: reference.rows,
    current_rows: logged.length,
    window,
    generated_at: window.to,
  });
  const summary = {
    report_id: id,
    model_version: version,
    action: decision.action,
    reasons: decision.reasons,
    dataset_drift: result.dataset_drift,
    drift_share: result.drift_share,
    current_rows: logged.length,
    train_requested: trainRequested,
  };
  if (!(await registry.drift.saveReport(document, html))) return { status: 'already_checked', ...summary };

  if (trainRequested) await requestRetrain(ports, record, settings.retraining);
  await registry.drift.recordDecision(record);
  await registry.drift.updateState(() => ({
    model_version: version,
    consecutive_drifted_windows: decision.consecutive_drifted_windows,
    last_retrain_at: trainRequested ? window.to : lastRetrainAt,
    last_report_id: id,
    updated_at: window.to,
  }));
  reportDriftGauges(ports.metrics, version, result, quality ?? null);
  ports.metrics.increment('alm_drift_checks_total', { action: decision.action });
  if (trainRequested) ports.metrics.increment('alm_retrains_total');
  return { status: 'checked', ...summary };
}
