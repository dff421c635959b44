import { UsageError } from '../edge/usageError.js';
import type { DriftSpec } from './driftSpec.js';
import { featureColumn, type ReplayData } from './replayData.js';

/** What `--frequencies` makes of the rows: a sampling weight per row, and each named category's share before and after. */
export interface RowWeights {
  readonly weights: Float64Array;
  readonly shares: readonly { feature: string; category: string; before: number; after: number }[];
}

/**
 * Sampling weights per row that give a categorical feature the asked relative weights.
 *
 * Convention: weights are on the scale of the CSV's shares. A named category c with weight w_c
 * keeps w_c; an unnamed one keeps its share p_c in the CSV (missing values count as one more
 * unnamed category). Category c is then drawn with probability w_c / Σ (named w + unnamed p).
 * So `smoking_history=current:3,never:1` with current and never at 10 % and 35 %, and the rest
 * at 55 %, gives current 3/4.55 ≈ 66 %, never 22 %, each other category 1/4.55 of its old share.
 * A row of category c weighs w_c / p_c (1 when unnamed), so the rest of the row comes with it:
 * the other features and the label keep their relation to that feature (covariate shift).
 * Several `--frequencies` multiply their row weights (exact when the features are independent).
 *
 * Categories are matched by their text (`1` names the value 1 of a 0/1 column). A category
 * absent from the CSV, a feature named twice, or weights that leave no row are UsageErrors.
 */
export function rowWeights(data: ReplayData, frequencies: DriftSpec['frequencies']): RowWeights | undefined {
  if (frequencies.length === 0) return undefined;
  const weights = new Float64Array(data.rows).fill(1);
  const shares: RowWeights['shares'][number][] = [];
  const seen = new Set<string>();
  for (const { feature, weights: asked } of frequencies) {
    if (seen.has(feature)) throw new UsageError(`--frequencies: '${feature}' is named twice; give every category in one flag`);
    seen.add(feature);
    const column = featureColumn(data, feature, '--frequencies');
    const keys = column.values.map((v) => (v === null ? null : String(v)));
    const counts = new Map<string | null, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    const missing = Object.keys(asked).filter((category) => !counts.has(category));
    if (missing.length > 0) {
      const known = [...counts.keys()].filter((k) => k !== null).slice(0, 20);
      throw new UsageError(`--frequencies: '${feature}' has no category '${missing[0]}' in the CSV (categories: ${known.join(', ')})`);
    }
    const share = (key: string | null) => (counts.get(key) ?? 0) / data.rows;
    const weightOf = (key: string | null) => (key !== null && key in asked ? asked[key] : share(key));
    const total = [...counts.keys()].reduce((sum, key) => sum + weightOf(key), 0);
    if (!(total > 0)) throw new UsageError(`--frequencies: the weights of '${feature}' leave no row to send`);
    for (let row = 0; row < data.rows; row++) weights[row] *= weightOf(keys[row]) / share(keys[row]);
    for (const category of Object.keys(asked)) shares.push({ feature, category, before: share(category), after: asked[category] / total });
  }
  if (!weights.some((w) => w > 0)) throw new UsageError('--frequencies: together the weights leave no row to send');
  return { weights, shares };
}
