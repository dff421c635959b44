import { z } from 'zod';
import { chiSquareGoodnessOfFit } from '../chiSquareGoodnessOfFit.js';
import { InvalidDriftOptionsError } from '../errors.js';
import { jensenShannonDistance } from '../jensenShannonDistance.js';
import { ksTwoSample } from '../ksTwoSample.js';
import { normalizedWasserstein } from '../normalizedWasserstein.js';
import { populationStabilityIndex } from '../populationStabilityIndex.js';
import { twoProportionZTest } from '../twoProportionZTest.js';
import { edgeBins, valueBins, type ColumnBins } from './columnBins.js';
import type { ColumnSample } from './columnSample.js';

/** The tests a column can be checked with, by Evidently's names. */
export const StattestNameSchema = z.enum(['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi']);
export type StattestName = z.infer<typeof StattestNameSchema>;

/** What one test found: its statistic, its p-value (null for a distance), and the bins it counted in. */
export interface StattestOutcome {
  readonly statistic: number;
  readonly p_value: number | null;
  /** The bins of a binned test; the histogram of a sample test is drawn over the decile bins. */
  readonly bins: ColumnBins | null;
}

/**
 * One drift test: which columns it fits, its default threshold, how the threshold reads
 * (`p_value`: drift when p is below it, or at most it for KS, as Evidently; `distance`: drift
 * when the statistic is at least it) and how it runs.
 */
export interface Stattest {
  readonly name: StattestName;
  readonly kind: 'p_value' | 'distance';
  readonly defaultThreshold: number;
  readonly fits: (sample: ColumnSample) => boolean;
  readonly run: (sample: ColumnSample) => StattestOutcome;
  readonly drifted: (outcome: StattestOutcome, threshold: number) => boolean;
}

const numeric = (sample: ColumnSample) => sample.type === 'numeric';
const any = () => true;
const below = (o: StattestOutcome, t: number) => (o.p_value as number) < t;
const atLeast = (o: StattestOutcome, t: number) => o.statistic >= t;

function referenceSample(sample: ColumnSample): number[] {
  return (sample as Extract<ColumnSample, { type: 'numeric' }>).reference.sample;
}

function binned(bins: ColumnBins, statistic: number, p_value: number | null): StattestOutcome {
  return { statistic, p_value, bins };
}

/** Every test, by name. Sample tests read the stored reference sample; binned tests the bins of `columnBins`. */
export const STATTESTS: Readonly<Record<StattestName, Stattest>> = {
  ks: {
    name: 'ks',
    kind: 'p_value',
    defaultThreshold: 0.05,
    fits: numeric,
    run: (sample) => ({ ...ksTwoSample(referenceSample(sample), sample.current as Float64Array), bins: null }),
    drifted: (o, t) => (o.p_value as number) <= t,
  },
  chisquare: {
    name: 'chisquare',
    kind: 'p_value',
    defaultThreshold: 0.05,
    fits: any,
    run: (sample) => {
      const bins = valueBins(sample);
      const { statistic, p_value } = chiSquareGoodnessOfFit(bins.reference, bins.current);
      return binned(bins, statistic, p_value);
    },
    drifted: below,
  },
  z: {
    name: 'z',
    kind: 'p_value',
    defaultThreshold: 0.05,
    fits: (sample) => valueBins(sample).labels.length <= 2,
    run: (sample) => {
      const bins = valueBins(sample);
      const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
      const { statistic, p_value } = twoProportionZTest(bins.reference[0], total(bins.reference), bins.current[0], total(bins.current));
      return binned(bins, statistic, p_value);
    },
    drifted: below,
  },
  wasserstein: {
    name: 'wasserstein',
    kind: 'distance',
    defaultThreshold: 0.1,
    fits: numeric,
    run: (sample) => ({ statistic: normalizedWasserstein(referenceSample(sample), sample.current as Float64Array), p_value: null, bins: null }),
    drifted: atLeast,
  },
  jensenshannon: {
    name: 'jensenshannon',
    kind: 'distance',
    defaultThreshold: 0.1,
    fits: any,
    run: (sample) => {
      const bins = valueBins(sample);
      return binned(bins, jensenShannonDistance(bins.reference, bins.current), null);
    },
    drifted: atLeast,
  },
  psi: {
    name: 'psi',
    kind: 'distance',
    defaultThreshold: 0.1,
    fits: any,
    run: (sample) => {
      const bins = edgeBins(sample);
      return binned(bins, populationStabilityIndex(bins.reference, bins.current), null);
    },
    drifted: atLeast,
  },
};

/** The test named `name` for `column`, or an `InvalidDriftOptionsError` saying why it does not fit. */
export function stattestFor(name: StattestName, column: string, sample: ColumnSample): Stattest {
  const test = STATTESTS[name];
  if (!test.fits(sample)) {
    const why = name === 'z' ? 'it needs at most 2 distinct values' : 'it needs a numeric column';
    throw new InvalidDriftOptionsError(`stattest '${name}' does not fit column '${column}' (${sample.type}): ${why}`);
  }
  return test;
}
