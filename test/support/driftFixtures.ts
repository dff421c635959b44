import type { ColumnDrift, DriftResult } from '../../shared/drift/driftResult.js';

/** A checked numeric column that did not drift (wasserstein 0.02 < 0.1), with any field overridden. */
export function columnDrift(overrides: Partial<ColumnDrift> = {}): ColumnDrift {
  return {
    type: 'numeric',
    status: 'checked',
    stattest: 'wasserstein',
    statistic: 0.02,
    p_value: null,
    threshold: 0.1,
    drift: false,
    missing_share: { reference: 0, current: 0 },
    histogram: { bins: ['[0, 1)', '[1, 2]'], reference: [5, 5], current: [5, 5] },
    ...overrides,
  };
}

/** A checked column that drifted: by default wasserstein `statistic` ≥ 0.1; pass `p_value` for a p-value test. */
export function driftedColumn(statistic = 0.31, overrides: Partial<ColumnDrift> = {}): ColumnDrift {
  return columnDrift({ statistic, drift: true, ...overrides });
}

/** A column whose window was too small: no statistic, no p-value, never drift. */
export function insufficientColumn(): ColumnDrift {
  return columnDrift({ status: 'insufficient_data', statistic: null, p_value: null, drift: false });
}

/**
 * A drift result over `columns`, with the counts and share computed from them; `dataset_drift`
 * defaults to a share ≥ 0.5 (this fixture's rule, not the engine's) unless given.
 */
export function driftResult(
  columns: Record<string, ColumnDrift>,
  extra: { dataset_drift?: boolean; prediction_drift?: ColumnDrift } = {},
): DriftResult {
  const all = Object.values(columns);
  const drifted = all.filter((column) => column.drift).length;
  const share = all.length === 0 ? 0 : drifted / all.length;
  return {
    dataset_drift: extra.dataset_drift ?? share >= 0.5,
    drift_share: share,
    number_of_columns: all.length,
    number_of_drifted_columns: drifted,
    columns,
    ...(extra.prediction_drift ? { prediction_drift: extra.prediction_drift } : {}),
  };
}
