import { UsageError } from '../edge/usageError.js';
import type { DriftSpec } from './driftSpec.js';
import { columnStd, featureColumn, type ReplayData } from './replayData.js';
import { rowWeights, type RowWeights } from './rowWeights.js';

/** A numeric feature's change: `x → x × factor + delta` (null stays null). */
export interface FeatureTransform {
  readonly feature: string;
  readonly factor: number;
  readonly delta: number;
}

/** The drift in the units of the CSV, checked against it: what `applyDrift` and the traffic plan use. */
export interface ResolvedDrift {
  readonly transforms: readonly FeatureTransform[];
  readonly relabel: DriftSpec['relabel'];
  /** The positive class of the binary target (set whenever `relabel` is not empty). */
  readonly positive: string | number | undefined;
  /** Row sampling weights of the drifted phase (`--frequencies`), undefined when uniform. */
  readonly rowWeights: RowWeights | undefined;
  /** One phrase per injected change, for the timeline and the summary. */
  readonly descriptions: readonly string[];
}

/**
 * Checks the drift against the CSV and puts it in the CSV's units:
 * - `--shift`/`--scale` need a numeric feature; `k std` is k × its population std in the CSV;
 *   on one feature every scale applies first, then every shift (`x × Π factors + Σ deltas`);
 * - `--relabel` needs a numeric feature and a target with exactly two classes (else a
 *   UsageError: concept drift by a threshold only makes sense for a binary label);
 * - `--frequencies` becomes row weights (`rowWeights`).
 */
export function resolveDrift(data: ReplayData, spec: DriftSpec): ResolvedDrift {
  const byFeature = new Map<string, { factor: number; delta: number }>();
  const descriptions: string[] = [];
  const transformOf = (feature: string, flag: string) => {
    const column = featureColumn(data, feature, flag);
    if (!column.numeric) throw new UsageError(`${flag}: '${feature}' is not numeric (a categorical feature takes --frequencies)`);
    let transform = byFeature.get(feature);
    if (!transform) byFeature.set(feature, (transform = { factor: 1, delta: 0 }));
    return { column, transform };
  };
  for (const { feature, factor } of spec.scale) {
    transformOf(feature, '--scale').transform.factor *= factor;
    descriptions.push(`scale ${feature} ×${round(factor)}`);
  }
  for (const { feature, amount, unit } of spec.shift) {
    const { column, transform } = transformOf(feature, '--shift');
    const delta = unit === 'std' ? amount * columnStd(column) : amount;
    transform.delta += delta;
    descriptions.push(`shift ${feature} ${signed(delta)}${unit === 'std' ? ` (${signed(amount)} std)` : ''}`);
  }
  for (const { feature } of spec.relabel) {
    if (!featureColumn(data, feature, '--relabel').numeric) throw new UsageError(`--relabel: '${feature}' is not numeric`);
  }
  const { positive, classes, name } = data.target;
  if (spec.relabel.length > 0 && positive === undefined) {
    throw new UsageError(`--relabel needs a binary target; '${name}' has ${classes.length} classes (--target names another column)`);
  }
  for (const { feature, threshold } of spec.relabel) descriptions.push(`relabel ${name}=${positive} when ${feature} > ${round(threshold)}`);
  const weights = rowWeights(data, spec.frequencies);
  for (const s of weights?.shares ?? []) descriptions.push(`frequency ${s.feature}=${s.category} ${percent(s.before)} → ${percent(s.after)}`);
  return {
    transforms: [...byFeature].map(([feature, t]) => ({ feature, ...t })),
    relabel: spec.relabel,
    positive,
    rowWeights: weights,
    descriptions,
  };
}

/** True when the resolved drift changes nothing. */
export function isNoDrift(drift: ResolvedDrift): boolean {
  return drift.transforms.length === 0 && drift.relabel.length === 0 && drift.rowWeights === undefined;
}

const round = (value: number) => Number(value.toPrecision(4));
const signed = (value: number) => `${value < 0 ? '' : '+'}${round(value)}`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
