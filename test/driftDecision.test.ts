import { describe, expect, it } from 'vitest';
import { decideOnDrift, topFeatures } from '../shared/decision/driftDecision.js';
import { DriftDecisionSchema, DriftDecisionSettingsSchema, type DriftDecisionContextInput } from '../shared/decision/driftDecisionSchemas.js';
import type { ColumnDrift } from '../shared/drift/driftResult.js';
import { columnDrift, driftResult, driftedColumn, insufficientColumn } from './support/driftFixtures.js';

const FEATURES = ['gender', 'age', 'hypertension', 'heart_disease', 'smoking_history', 'bmi', 'HbA1c_level', 'blood_glucose_level'];
/** Top 3: HbA1c_level, blood_glucose_level, then age (ties with bmi at 0.1; 'age' < 'bmi'). */
const IMPORTANCES = { HbA1c_level: 0.4, blood_glucose_level: 0.3, bmi: 0.1, age: 0.1, smoking_history: 0.05, gender: 0.02, hypertension: 0.02, heart_disease: 0.01 };
const NOW = '2024-05-01T12:00:00.000Z';
const ksDrift = columnDrift({ stattest: 'ks', statistic: 0.2, p_value: 0.001, threshold: 0.05, drift: true });

/** The eight features, all checked and clean unless overridden. */
function window(overrides: Record<string, ColumnDrift> = {}, extra: Parameters<typeof driftResult>[1] = {}) {
  return driftResult({ ...Object.fromEntries(FEATURES.map((name) => [name, columnDrift()])), ...overrides }, extra);
}
function context(overrides: Partial<DriftDecisionContextInput> = {}): DriftDecisionContextInput {
  return { importances: IMPORTANCES, now: NOW, lastRetrainAt: null, previousConsecutive: 0, ...overrides };
}
const topDrift = () => window({ HbA1c_level: driftedColumn(0.31) });

describe('decideOnDrift: large drift', () => {
  it('keeps, with the count reset to 0, when nothing drifted', () => {
    const decision = decideOnDrift(window(), context({ previousConsecutive: 4 }));
    expect(decision).toEqual({
      action: 'keep',
      reasons: [
        "no large drift: no dataset drift, none of the top-3 features ('HbA1c_level', 'blood_glucose_level', 'age') drifted, no prediction drift; no column drifted",
      ],
      large_drift: false,
      consecutive_drifted_windows: 0,
    });
    expect(DriftDecisionSchema.parse(decision)).toEqual(decision);
  });

  it('retrains on multivariate drift and on an estimated performance drop (CBPE), each naming its figures, with no column drifted', () => {
    const multivariate_drift = { status: 'checked' as const, reconstruction_error: 1.535, threshold: { lower: 1.278, upper: 1.387 }, drift: true, rows: 1000, sampling_error: 0.02, components: 5, features: 8, explained_variance: 0.72 };
    expect(decideOnDrift({ ...window(), multivariate_drift }, context())).toMatchObject({
      action: 'retrain',
      reasons: ['multivariate drift: reconstruction error 1.535 outside (1.278, 1.387)'],
    });
    const metric = (estimated: number, lower: number) => ({ estimated, lower, upper: 0.99, realized_reference_mean: 0.97, drop: estimated < lower });
    const estimated_performance = {
      rows: 1000,
      calibration: 'isotonic' as const,
      threshold: 0.42,
      reference: { rows: 20000, chunk_rows: 1000, chunks: 20, scaled: false },
      metrics: { roc_auc: metric(0.91, 0.95), f1: metric(0.7, 0.75), precision: metric(0.9, 0.8), recall: metric(0.7, 0.6), accuracy: metric(0.96, 0.95) },
    };
    expect(decideOnDrift({ ...window(), estimated_performance }, context())).toMatchObject({
      action: 'retrain',
      reasons: ['estimated performance drop (CBPE, no labels): roc_auc 0.91 < 0.95, f1 0.7 < 0.75'],
    });
    // Present and quiet, they change nothing.
    const quiet = { ...window(), multivariate_drift: { ...multivariate_drift, reconstruction_error: 1.3, drift: false }, estimated_performance: { ...estimated_performance, metrics: { ...estimated_performance.metrics, roc_auc: metric(0.97, 0.95), f1: metric(0.8, 0.75) } } };
    expect(decideOnDrift(quiet, context()).action).toBe('keep');
  });

  it('retrains on dataset drift alone (no top-k feature drifted), naming the counts and share', () => {
    const drifted = Object.fromEntries(['gender', 'hypertension', 'heart_disease', 'smoking_history', 'bmi'].map((n) => [n, driftedColumn()]));
    expect(decideOnDrift(window(drifted), context())).toEqual({
      action: 'retrain',
      reasons: ['dataset drift: 5 of 8 columns drifted (share 0.625)'],
      large_drift: true,
      consecutive_drifted_windows: 1,
    });
  });

  it('retrains when only a top-k feature drifted, naming it, its test and figures', () => {
    expect(decideOnDrift(topDrift(), context())).toMatchObject({
      action: 'retrain',
      reasons: ["top-3 feature 'HbA1c_level' drifted (wasserstein 0.31 ≥ 0.1)"],
      large_drift: true,
    });
  });

  it('keeps when only a feature outside the top k drifted (bmi loses the tie with age by name), and names it', () => {
    const decision = decideOnDrift(window({ bmi: driftedColumn(0.2) }), context());
    expect(decision.action).toBe('keep');
    expect(decision.large_drift).toBe(false);
    expect(decision.reasons[0]).toMatch(/drifted outside the top 3: 'bmi' \(wasserstein 0\.2 ≥ 0\.1\)$/);
    expect(decideOnDrift(window({ bmi: driftedColumn(0.2) }), context({ settings: { topK: 4 } })).action).toBe('retrain');
  });

  it('ranks features by importance, ties broken by name', () => {
    expect(topFeatures({ b: 1, a: 1, c: 2, d: 0.5 }, 3)).toEqual(['c', 'a', 'b']);
    expect(topFeatures(IMPORTANCES, 3)).toEqual(['HbA1c_level', 'blood_glucose_level', 'age']);
  });

  it('retrains on prediction drift alone, naming the p-value and threshold', () => {
    expect(decideOnDrift(window({}, { prediction_drift: ksDrift }), context())).toMatchObject({
      action: 'retrain',
      reasons: ['prediction drift (ks p 0.001 ≤ 0.05)'],
    });
  });

  it('gives one reason per signal, each with its figures, in the order dataset, top-k, prediction', () => {
    const drifted = { HbA1c_level: driftedColumn(0.31), age: ksDrift, bmi: driftedColumn(), gender: driftedColumn() };
    expect(decideOnDrift(window(drifted, { prediction_drift: ksDrift }), context()).reasons).toEqual([
      'dataset drift: 4 of 8 columns drifted (share 0.5)',
      "top-3 feature 'HbA1c_level' drifted (wasserstein 0.31 ≥ 0.1)",
      "top-3 feature 'age' drifted (ks p 0.001 ≤ 0.05)",
      'prediction drift (ks p 0.001 ≤ 0.05)',
    ]);
  });
});

describe('decideOnDrift: hysteresis and cooldown', () => {
  const twoWindows = { consecutiveWindows: 2 };

  it('with M = 2 keeps the first large-drift window (count 1) and retrains on the second (count 2)', () => {
    const first = decideOnDrift(topDrift(), context({ settings: twoWindows }));
    expect(first).toMatchObject({ action: 'keep', large_drift: true, consecutive_drifted_windows: 1 });
    expect(first.reasons).toContain('hysteresis: 1 of 2 consecutive large-drift windows, no retrain before 2');
    const second = decideOnDrift(topDrift(), context({ settings: twoWindows, previousConsecutive: first.consecutive_drifted_windows }));
    expect(second).toMatchObject({ action: 'retrain', consecutive_drifted_windows: 2 });
    expect(second.reasons).toContain('2 consecutive large-drift windows (≥ 2)');
  });

  it('with M = 2 a clean window in between resets the count, so the next large drift is kept again', () => {
    const first = decideOnDrift(topDrift(), context({ settings: twoWindows }));
    const clean = decideOnDrift(window(), context({ settings: twoWindows, previousConsecutive: first.consecutive_drifted_windows }));
    expect(clean).toMatchObject({ action: 'keep', consecutive_drifted_windows: 0 });
    const third = decideOnDrift(topDrift(), context({ settings: twoWindows, previousConsecutive: clean.consecutive_drifted_windows }));
    expect(third).toMatchObject({ action: 'keep', consecutive_drifted_windows: 1 });
  });

  it('keeps while retraining is on hold (the post-promotion guard is watching), with the hold as a reason, and still counts the window', () => {
    const hold = 'hold: the post-promotion guard is watching v0002';
    const held = decideOnDrift(topDrift(), context({ hold, previousConsecutive: 2 }));
    expect(held).toMatchObject({ action: 'keep', large_drift: true, consecutive_drifted_windows: 3 });
    expect(held.reasons.at(-1)).toBe(hold);
    expect(decideOnDrift(window(), context({ hold }))).toMatchObject({ action: 'keep', large_drift: false }); // no drift: the hold is not a reason
    expect(decideOnDrift(topDrift(), context({ hold: null }))).toMatchObject({ action: 'retrain' });
  });

  it('keeps inside the cooldown, saying when it ends, and still counts the window', () => {
    const decision = decideOnDrift(topDrift(), context({ lastRetrainAt: '2024-05-01T11:00:00.001Z', previousConsecutive: 3 }));
    expect(decision).toEqual({
      action: 'keep',
      reasons: [
        "top-3 feature 'HbA1c_level' drifted (wasserstein 0.31 ≥ 0.1)",
        'cooldown: last retrain at 2024-05-01T11:00:00.001Z, no retrain within 60 minutes; the cooldown ends at 2024-05-01T12:00:00.001Z',
      ],
      large_drift: true,
      consecutive_drifted_windows: 4,
    });
  });

  it('retrains once the cooldown has ended (now exactly at its end), with a custom cooldown too', () => {
    expect(decideOnDrift(topDrift(), context({ lastRetrainAt: '2024-05-01T11:00:00.000Z' })).action).toBe('retrain');
    const settings = { cooldownMinutes: 120 };
    expect(decideOnDrift(topDrift(), context({ settings, lastRetrainAt: '2024-05-01T10:00:00.000Z' })).action).toBe('retrain');
    expect(decideOnDrift(topDrift(), context({ settings, lastRetrainAt: '2024-05-01T10:00:00.001Z' })).action).toBe('keep');
  });
});

describe('decideOnDrift: insufficient data', () => {
  const allInsufficient = Object.fromEntries(FEATURES.map((name) => [name, insufficientColumn()]));

  it('is insufficient_data when every column is, keeping the consecutive count unchanged', () => {
    expect(decideOnDrift(driftResult(allInsufficient), context({ previousConsecutive: 2 }))).toEqual({
      action: 'insufficient_data',
      reasons: ['insufficient data: none of the 8 columns had enough rows to check', 'consecutive large-drift count kept at 2'],
      large_drift: false,
      consecutive_drifted_windows: 2,
    });
  });

  it('is insufficient_data when the prediction is too, but judges a checked prediction when only the columns are short', () => {
    const both = decideOnDrift(driftResult(allInsufficient, { prediction_drift: insufficientColumn() }), context());
    expect(both.action).toBe('insufficient_data');
    expect(both.reasons[0]).toBe('insufficient data: none of the 8 columns and the prediction had enough rows to check');
    expect(decideOnDrift(driftResult(allInsufficient, { prediction_drift: ksDrift }), context()).action).toBe('retrain');
  });

  it('is insufficient_data, never retrain, with fewer checked columns than minColumns even if they drifted', () => {
    const result = driftResult({ ...allInsufficient, HbA1c_level: driftedColumn(), age: driftedColumn() }, { dataset_drift: true });
    const decision = decideOnDrift(result, context({ settings: { minColumns: 3 }, previousConsecutive: 1 }));
    expect(decision).toMatchObject({ action: 'insufficient_data', large_drift: false, consecutive_drifted_windows: 1 });
    expect(decision.reasons[0]).toBe('insufficient data: 2 of 8 columns checked, fewer than the minimum of 3');
    expect(decideOnDrift(result, context({ settings: { minColumns: 2 } })).action).toBe('retrain');
  });
});

describe('decideOnDrift: settings and context', () => {
  it('defaults to top 3, a 60-minute cooldown and one window, with no minimum of columns', () => {
    expect(DriftDecisionSettingsSchema.parse({})).toEqual({ topK: 3, cooldownMinutes: 60, consecutiveWindows: 1 });
  });

  it('refuses a context whose now is not an ISO instant', () => {
    expect(() => decideOnDrift(window(), context({ now: 'yesterday' }))).toThrow();
  });
});
