import type { Frame } from '../automl/data/frame.js';
import type { FeatureSpec } from '../automl/schema/datasetSchema.js';
import { histogramCounts, type FeatureStatistics } from '../automl/statistics/featureStatistics.js';
import { populationStabilityIndex } from './populationStabilityIndex.js';

/** PSI above this flags a feature as drifted. */
export const PSI_DRIFT_THRESHOLD = 0.2;

export interface FeatureDrift {
  readonly feature: string;
  readonly psi: number;
  readonly drifted: boolean;
}

/**
 * PSI of every feature of `frame` against the training statistics. Numeric features use the
 * training decile histogram's edges; categorical ones the training categories plus one bin for
 * categories never seen in training. Missing values are left out on both sides.
 */
export function featureDrift(frame: Frame, features: readonly FeatureSpec[], reference: FeatureStatistics): FeatureDrift[] {
  return frame.columns.flatMap((column, f) => {
    const name = features[f].name;
    const stats = reference.features[name];
    if (!stats) return [];
    let expected: number[];
    let actual: number[];
    if (stats.type === 'numeric' && column.kind === 'numeric') {
      expected = stats.histogram.counts;
      actual = histogramCounts(column.values.filter((v) => !Number.isNaN(v)), stats.histogram.edges);
    } else if (stats.type !== 'numeric' && column.kind === 'categorical') {
      const categories = Object.keys(stats.frequencies);
      const slot = new Map(categories.map((c, i) => [c, i]));
      expected = [...categories.map((c) => stats.frequencies[c]), 0];
      actual = new Array<number>(categories.length + 1).fill(0);
      for (const value of column.values) if (value !== null) actual[slot.get(value) ?? categories.length]++;
    } else {
      return [];
    }
    if (actual.every((n) => n === 0)) return [];
    const psi = populationStabilityIndex(expected, actual);
    return [{ feature: name, psi, drifted: psi > PSI_DRIFT_THRESHOLD }];
  });
}
