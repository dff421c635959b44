import type { ConsoleView } from '../../shared/console/consoleViewSchema.js';
import type { TrafficPoint } from '../../shared/observability/trafficHistory.js';

/** Markup that must come out as text: a script element, and the characters `"`, `&` and `'`. */
export const INJECTED = `<script>alert(1)</script> "&'`;

/** The guard's reason for rolling v0003 back: long (it wraps) and carrying {@link INJECTED}. */
export const ROLLBACK_REASON =
  'post-promotion guard: live roc_auc of v0003 fell to 0.8812 on 412 labeled predictions, 9.4% below the 0.9727 it was promoted with ' +
  `(limit 5%), over 3 consecutive checks; production goes back to v0001 ${INJECTED}`;

/** The alert summary carrying {@link INJECTED}. */
export const INJECTED_SUMMARY = `Live roc_auc of v0003 dropped below 0.9 ${INJECTED}`;

const GENERATED_AT = '2025-05-03T08:00:00.000Z';

/** Traffic every 2 minutes for the hour before `generated_at`: a daily-ish swell, one window with no request (p95 null). */
function trafficPoints(): TrafficPoint[] {
  const end = Date.parse(GENERATED_AT);
  return Array.from({ length: 30 }, (_, i) => {
    const rate = 6 + 4 * Math.sin(i / 4) + (i % 3) * 0.4;
    return {
      at: new Date(end - (29 - i) * 120_000).toISOString(),
      request_rate: Number(rate.toFixed(3)),
      p95_seconds: i === 17 ? null : Number((0.018 + 0.012 * Math.cos(i / 5) + (i === 22 ? 0.05 : 0)).toFixed(4)),
      error_rate: i >= 20 && i <= 23 ? 0.02 + (i - 20) * 0.004 : 0.001 * (i % 4),
    };
  });
}

const QUALITY: Array<[string, string, number, number]> = [
  ['v0003', '2025-05-02T09:45:00.000Z', 0.9702, 120],
  ['v0003', '2025-05-02T09:52:00.000Z', 0.9514, 236],
  ['v0003', '2025-05-02T09:58:00.000Z', 0.9180, 331],
  ['v0003', '2025-05-02T10:04:00.000Z', 0.8812, 412],
  ['v0004', '2025-05-02T18:00:00.000Z', 0.9741, 150],
  ['v0004', '2025-05-02T20:00:00.000Z', 0.9768, 310],
  ['v0004', '2025-05-02T22:00:00.000Z', 0.9755, 455],
  ['v0004', '2025-05-03T00:00:00.000Z', 0.9779, 620],
  ['v0004', '2025-05-03T02:00:00.000Z', 0.9762, 790],
  ['v0004', '2025-05-03T04:00:00.000Z', 0.9733, 940],
  ['v0004', '2025-05-03T06:00:00.000Z', 0.9748, 1105],
  ['v0004', '2025-05-03T07:55:00.000Z', 0.9751, 1262],
];

/**
 * A console view as the API would gather it on 2025-05-03 08:00 UTC: v0001 registered and
 * promoted; v0002 registered and rejected; v0003 registered, promoted and rolled back by the guard
 * ({@link ROLLBACK_REASON}); v0004 registered and promoted (production). A 9-feature drift report
 * with 2 drifted (and 1 insufficient_data), 6 decisions, 12 quality points over v0003 and v0004,
 * 30 traffic points and 3 alerts, one of them {@link INJECTED_SUMMARY}.
 */
export function consoleFixture(): ConsoleView {
  return {
    generated_at: GENERATED_AT,
    refresh_seconds: 30,
    production: {
      version: 'v0004',
      since: '2025-05-02T16:01:10.000Z',
      reason: 'challenger v0004 beat champion v0001 on the shared holdout: roc_auc 0.9781 vs 0.9712 (+0.0069, bootstrap p 0.004)',
      actor: 'promotion-policy',
    },
    timeline: [
      { at: '2025-05-01T08:00:00.000Z', version: 'v0001', kind: 'registered', reason: 'trained on diabetes_prediction_dataset.csv (100,000 rows): gradient_boosting, test roc_auc 0.9712', actor: null },
      { at: '2025-05-01T08:00:40.000Z', version: 'v0001', kind: 'promoted', reason: 'first model: no champion to beat', actor: 'promotion-policy' },
      { at: '2025-05-01T20:15:00.000Z', version: 'v0002', kind: 'registered', reason: 'retrain requested by drift check 20250501T200000000Z: HbA1c_level drifted', actor: null },
      { at: '2025-05-01T20:16:05.000Z', version: 'v0002', kind: 'rejected', reason: 'challenger v0002 did not beat champion v0001: roc_auc 0.9698 vs 0.9712 (−0.0014)', actor: 'promotion-policy' },
      { at: '2025-05-02T09:30:00.000Z', version: 'v0003', kind: 'registered', reason: 'retrain requested by drift check 20250502T090000000Z: HbA1c_level, bmi drifted', actor: null },
      { at: '2025-05-02T09:31:00.000Z', version: 'v0003', kind: 'promoted', reason: 'forced by an administrator: "try the new feature set" & see', actor: 'admin' },
      { at: '2025-05-02T10:05:00.000Z', version: 'v0003', kind: 'rolled_back', reason: ROLLBACK_REASON, actor: 'post-promotion-guard' },
      { at: '2025-05-02T16:00:00.000Z', version: 'v0004', kind: 'registered', reason: 'retrain after the rollback of v0003, on the last 7 days of labeled predictions', actor: null },
      { at: '2025-05-02T16:01:10.000Z', version: 'v0004', kind: 'promoted', reason: 'challenger v0004 beat champion v0001 on the shared holdout: roc_auc 0.9781 vs 0.9712', actor: 'promotion-policy' },
    ],
    drift: {
      report_id: '20250503T074500000Z',
      generated_at: '2025-05-03T07:45:00.000Z',
      model_version: 'v0004',
      dataset_drift: false,
      drift_share: 2 / 9,
      current_rows: 2000,
      columns: [
        { name: 'gender', stattest: 'chisquare', score: 0.4121, threshold: 0.05, drifted: false, status: 'ok' },
        { name: 'age', stattest: 'wasserstein', score: 0.0412, threshold: 0.1, drifted: false, status: 'ok' },
        { name: 'hypertension', stattest: 'z', score: 0.6633, threshold: 0.05, drifted: false, status: 'ok' },
        { name: 'heart_disease', stattest: 'z', score: 0.2871, threshold: 0.05, drifted: false, status: 'ok' },
        { name: 'smoking_history', stattest: 'chisquare', score: 0.0917, threshold: 0.05, drifted: false, status: 'ok' },
        { name: 'bmi', stattest: 'wasserstein', score: 0.1534, threshold: 0.1, drifted: true, status: 'ok' },
        { name: 'HbA1c_level', stattest: 'wasserstein', score: 0.4478, threshold: 0.1, drifted: true, status: 'ok' },
        { name: 'blood_glucose_level', stattest: 'wasserstein', score: 0.0633, threshold: 0.1, drifted: false, status: 'ok' },
        { name: 'region', stattest: 'chisquare', score: null, threshold: 0.05, drifted: false, status: 'insufficient_data' },
      ],
    },
    decisions: [
      { decided_at: '2025-05-03T07:45:00.000Z', model_version: 'v0004', action: 'keep', reasons: ['2 of 9 features drifted (22.2% < 50%)', 'no top-3 feature drifted beyond 2× its threshold'], train_requested: false },
      { decided_at: '2025-05-03T06:45:00.000Z', model_version: 'v0004', action: 'keep', reasons: ['1 of 9 features drifted (11.1% < 50%)'], train_requested: false },
      { decided_at: '2025-05-02T16:45:00.000Z', model_version: 'v0004', action: 'keep', reasons: ['retraining on hold: the post-promotion guard is watching v0004'], train_requested: false },
      { decided_at: '2025-05-02T10:05:00.000Z', model_version: 'v0003', action: 'retrain', reasons: ['live quality dropped: roc_auc 0.8812 on 412 labeled predictions vs 0.9727 recorded (drop 9.4% ≥ 5%)'], train_requested: true },
      { decided_at: '2025-05-02T09:00:00.000Z', model_version: 'v0001', action: 'retrain', reasons: ['HbA1c_level (top-3 feature) drifted: wasserstein 0.4478 > 0.1', 'bmi drifted: wasserstein 0.1534 > 0.1'], train_requested: true },
      { decided_at: '2025-05-01T19:00:00.000Z', model_version: 'v0001', action: 'insufficient_data', reasons: ['only 84 current rows (at least 500 needed)'], train_requested: false },
    ],
    quality: QUALITY.map(([model_version, at, value, rows]) => ({ at, model_version, metric: 'roc_auc', value, rows })),
    traffic: { available: true, note: null, points: trafficPoints() },
    alerts: [
      { received_at: '2025-05-03T07:46:02.000Z', status: 'firing', name: 'FeatureDriftDetected', severity: 'warning', summary: 'bmi and HbA1c_level drifted in report 20250503T074500000Z', starts_at: '2025-05-03T07:45:30.000Z' },
      { received_at: '2025-05-02T10:20:00.000Z', status: 'resolved', name: 'ModelQualityDropped', severity: null, summary: null, starts_at: '2025-05-02T10:01:00.000Z' },
      { received_at: '2025-05-02T10:01:30.000Z', status: 'firing', name: 'ModelQualityDropped', severity: 'critical', summary: INJECTED_SUMMARY, starts_at: '2025-05-02T10:01:00.000Z' },
    ],
  };
}

/** A view before anything happened: no production, no event, no drift check, no traffic metrics. */
export function emptyConsoleView(): ConsoleView {
  return {
    generated_at: GENERATED_AT,
    refresh_seconds: 15,
    production: null,
    timeline: [],
    drift: null,
    decisions: [],
    quality: [],
    traffic: { available: false, note: null, points: [] },
    alerts: [],
  };
}
