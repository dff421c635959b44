import type { ReplayLabel, ReplayRecord } from './replayData.js';
import type { ResolvedDrift } from './resolveDrift.js';

/** A record as sent and the label its feedback carries. */
export interface LabeledRecord {
  readonly record: ReplayRecord;
  readonly label: ReplayLabel;
}

/**
 * Applies the drift to one record and its label; pure, the input is not changed.
 * - each transformed feature: `x × factor + delta`, rounded to 12 significant digits (so a
 *   shift of 6.6 by 0.3 sends 6.9, not 6.8999999999999995); null stays null;
 * - then each relabel rule, on the values as sent: when the feature exceeds the threshold, the
 *   label becomes the positive class (a missing label stays missing; positives stay positive).
 * Row choice (`--frequencies`) is not here: the traffic plan draws the rows.
 */
export function applyDrift(input: LabeledRecord, drift: ResolvedDrift): LabeledRecord {
  if (drift.transforms.length === 0 && drift.relabel.length === 0) return input;
  const record = { ...input.record };
  for (const { feature, factor, delta } of drift.transforms) {
    const value = record[feature];
    if (typeof value === 'number') record[feature] = Number((value * factor + delta).toPrecision(12));
  }
  let label = input.label;
  if (label !== null && drift.positive !== undefined) {
    const exceeds = drift.relabel.some(({ feature, threshold }) => {
      const value = record[feature];
      return typeof value === 'number' && value > threshold;
    });
    if (exceeds) label = drift.positive;
  }
  return { record, label };
}
