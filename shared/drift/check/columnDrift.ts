import type { FrameColumn } from '../../automl/data/frame.js';
import type { ReferenceColumn } from '../../automl/statistics/driftReference.js';
import type { ColumnDrift } from '../driftResult.js';
import { edgeBins } from './columnBins.js';
import { columnSample } from './columnSample.js';
import { defaultStattest } from './defaultStattest.js';
import type { StattestOverride } from './driftOptions.js';
import { missingShareDrift } from './missingShareDrift.js';
import { stattestFor, STATTESTS } from './stattests.js';

/**
 * The drift of one column: its current values against its stored reference.
 *
 * - Fewer than `minRows` current rows (missing ones included): `insufficient_data`, never drift.
 * - Fewer than `minRows` usable current values, or a reference without any: only the missing
 *   share can be judged (stattest `missing_share`, statistic the change in share, p of its z-test).
 * - Otherwise the test is `override.stattest`, else the default (`defaultStattest`), with
 *   `override.threshold`, else the test's own. The column drifts when the test says so or its
 *   missing share drifted. `fallback` is a test for every column that fits it (the global one);
 *   a column it does not fit keeps its default.
 */
export function columnDrift(
  name: string,
  reference: ReferenceColumn,
  column: FrameColumn,
  minRows: number,
  override: StattestOverride = {},
  fallback: StattestOverride = {},
): ColumnDrift {
  const sample = columnSample(reference, column);
  const currentRows = column.values.length;
  const missing = missingShareDrift(reference.missing, reference.rows + reference.missing, sample.currentMissing, currentRows);
  const missing_share = { reference: missing.reference, current: missing.current, drift: missing.drift };
  const type = reference.type;
  const histogram = (bins = edgeBins(sample)) => ({ bins: bins.labels, reference: bins.reference, current: bins.current });

  const requested = override.stattest ?? (fallback.stattest && STATTESTS[fallback.stattest].fits(sample) ? fallback.stattest : undefined);
  const chosen = requested ?? defaultStattest(sample);
  const test = stattestFor(chosen, name, sample);
  const threshold = override.threshold ?? (fallback.stattest === undefined || requested === fallback.stattest ? fallback.threshold : undefined) ?? test.defaultThreshold;

  if (currentRows < minRows) {
    return { type, status: 'insufficient_data', stattest: test.name, statistic: null, p_value: null, threshold, drift: false, missing_share, histogram: histogram() };
  }
  if (sample.current.length < minRows || reference.rows === 0) {
    return {
      type,
      status: 'checked',
      stattest: 'missing_share',
      statistic: Math.abs(missing.current - missing.reference),
      p_value: missing.p_value,
      threshold: 0.05,
      drift: missing.drift,
      missing_share,
      histogram: histogram(),
    };
  }
  const outcome = test.run(sample);
  return {
    type,
    status: 'checked',
    stattest: test.name,
    statistic: outcome.statistic,
    p_value: outcome.p_value,
    threshold,
    drift: test.drifted(outcome, threshold) || missing.drift,
    missing_share,
    histogram: histogram(outcome.bins ?? undefined),
  };
}
