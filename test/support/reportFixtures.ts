import type { ColumnDrift, DriftResult } from '../../shared/drift/driftResult.js';
import type { DriftReportInput } from '../../shared/drift/report/renderDriftReport.js';

/** A bell-shaped count per bin, centred at `centre` (0–1 across the bins), scaled to `rows` in total. */
export function bellCounts(bins: number, rows: number, centre = 0.5, spread = 0.2): number[] {
  const weights = Array.from({ length: bins }, (_, i) => Math.exp(-(((i + 0.5) / bins - centre) ** 2) / (2 * spread ** 2)));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / total) * rows));
}

/** Numeric bin labels `[lo, hi)` over `bins` equal steps from `from` by `step`. */
export function rangeLabels(bins: number, from: number, step: number): string[] {
  return Array.from({ length: bins }, (_, i) => `[${(from + i * step).toFixed(2)}, ${(from + (i + 1) * step).toFixed(2)})`);
}

const REFERENCE_ROWS = 50_000;
const CURRENT_ROWS = 2_000;

function numeric(stattest: string, statistic: number, p_value: number | null, threshold: number, drift: boolean, bins: string[], shift: number): ColumnDrift {
  return {
    type: 'numeric', status: 'checked', stattest, statistic, p_value, threshold, drift,
    missing_share: { reference: 0, current: 0.025 },
    histogram: { bins, reference: bellCounts(bins.length, REFERENCE_ROWS), current: bellCounts(bins.length, CURRENT_ROWS, 0.5 + shift) },
  };
}

function categorical(stattest: string, statistic: number, p_value: number | null, threshold: number, drift: boolean, bins: string[], reference: number[], current: number[]): ColumnDrift {
  return { type: 'categorical', status: 'checked', stattest, statistic, p_value, threshold, drift, missing_share: { reference: 0.01, current: 0 }, histogram: { bins, reference, current } };
}

/** The column names of {@link tenColumnResult}, in order. */
export const FIXTURE_COLUMNS = [
  'age', 'bmi', 'HbA1c_level', 'blood_glucose_level', 'income', 'hours_per_week',
  'gender', 'smoking_history', 'hypertension', 'region',
] as const;

/**
 * Ten columns, numeric ones with 30 bins and categorical ones with 2–8: distances (p-value null)
 * and p-value tests, `income` with `insufficient_data`, and `smoking_history` with an unseen
 * category as its last bin (0 in the reference). Four drift: share 0.4, no dataset drift.
 */
export function tenColumnResult(): DriftResult {
  const columns: Record<string, ColumnDrift> = {
    age: numeric('wasserstein', 0.15341, null, 0.1, true, rangeLabels(30, 0, 2.7), 0.15),
    bmi: numeric('wasserstein', 0.021, null, 0.1, false, rangeLabels(30, 10, 2), 0.01),
    HbA1c_level: numeric('ks', 0.21236, 0.000312, 0.05, true, rangeLabels(30, 3.5, 0.2), 0.2),
    blood_glucose_level: numeric('ks', 0.0312, 0.4871, 0.05, false, rangeLabels(30, 80, 7.5), 0),
    income: {
      ...numeric('ks', 0, null, 0.05, false, rangeLabels(30, 0, 5000), 0),
      status: 'insufficient_data', statistic: null, p_value: null,
      histogram: { bins: rangeLabels(30, 0, 5000), reference: bellCounts(30, REFERENCE_ROWS), current: bellCounts(30, 12) },
    },
    hours_per_week: numeric('psi', 0.0523, null, 0.2, false, rangeLabels(30, 0, 3), -0.02),
    gender: categorical('jensenshannon', 0.0123, null, 0.1, false, ['Female', 'Male', 'Other'], [29000, 20900, 100], [1180, 815, 5]),
    smoking_history: categorical('jensenshannon', 0.4102, null, 0.1, true,
      ['never', 'former', 'current', 'not current', 'ever', 'No Info', 'vaping (unseen)'],
      [17500, 4700, 4800, 3200, 2000, 17800, 0], [500, 150, 160, 100, 60, 530, 500]),
    hypertension: categorical('z', 1.204, 0.2286, 0.05, false, ['0', '1'], [46100, 3900], [1830, 170]),
    region: categorical('chisquare', 98.76, 1.2e-18, 0.05, true,
      ['north', 'south', 'east', 'west', 'centre', 'islands', 'overseas', 'unknown'],
      [8000, 8000, 7000, 7000, 6000, 6000, 4000, 4000], [150, 450, 280, 280, 240, 240, 160, 200]),
  };
  return { dataset_drift: false, drift_share: 0.4, number_of_columns: 10, number_of_drifted_columns: 4, columns };
}

/** A prediction drift (probability over 20 bins), drifted. */
export function predictionDrift(): ColumnDrift {
  return numeric('wasserstein', 0.1822, null, 0.1, true, rangeLabels(20, 0, 0.05), 0.1);
}

/** Everything but the result, for {@link renderDriftReport}'s input. */
export function reportInput(result: DriftResult, overrides: Partial<DriftReportInput> = {}): DriftReportInput {
  return {
    result,
    decision: { action: 'retrain', reasons: ['drift in top feature HbA1c_level', 'drift in top feature age'] },
    title: 'Drift report',
    model_version: 'v0003',
    reference_rows: REFERENCE_ROWS,
    current_rows: CURRENT_ROWS,
    window: { from: '2025-01-01T10:00:00.000Z', to: '2025-01-01T11:00:00.000Z' },
    generated_at: '2025-01-01T11:00:05.000Z',
    ...overrides,
  };
}

export const SCRIPT_NAME = '<script>alert(1)</script>';
export const IMG_CATEGORY = '"><img src=x onerror=alert(1)>';

/** A result whose column name, category, bin labels and stattest carry markup, for the escaping tests. */
export function hostileResult(): DriftResult {
  const column = categorical(`chi<script>`, 3.2, 0.07, 0.05, false, ['a', IMG_CATEGORY], [10, 20], [12, 18]);
  return {
    dataset_drift: false, drift_share: 0, number_of_columns: 2, number_of_drifted_columns: 0,
    columns: { [SCRIPT_NAME]: column, [IMG_CATEGORY]: numeric('ks', 0.1, 0.5, 0.05, false, [IMG_CATEGORY, SCRIPT_NAME], 0) },
  };
}
