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

/**
 * Normalized Wasserstein against the whole reference when it kept exact value counts (each
 * distinct value weighted by its count), else against its stored sample.
 */
function wassersteinToReference(sample: ColumnSample): number {
  const { reference } = sample as Extract<ColumnSample, { type: 'numeric' }>;
  const current = sample.current as Float64Array;
  if (reference.value_counts === null) return normalizedWasserstein(reference.sample, current);
  const entries = Object.entries(reference.value_counts);
  return normalizedWasserstein(entries.map(([value]) => Number(value)), current, entries.map(([, count]) => count));
}

/** A test on a column's bins: counted by `binsOf`, measured by `measure` (a p-value test returns its p, a distance null). */
function binnedStattest(
  name: StattestName,
  kind: Stattest['kind'],
  defaultThreshold: number,
  binsOf: (sample: ColumnSample) => ColumnBins,
  measure: (bins: ColumnBins) => { statistic: number; p_value: number | null },
  drifted: Stattest['drifted'],
): Stattest {
  const run = (sample: ColumnSample): StattestOutcome => {
    const bins = binsOf(sample);
    return { ...measure(bins), bins };
  };
  return { name, kind, defaultThreshold, fits: any, run, drifted };
}

const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
const distance = (measure: (reference: number[], current: number[]) => number) => (bins: ColumnBins) => ({
  statistic: measure(bins.reference, bins.current),
  p_value: null,
});

/**
 * Every test, by name. KS reads the stored reference sample, Wasserstein the exact value counts
 * when kept (else the sample), binned tests the bins of `columnBins`.
 */
export const STATTESTS: Readonly<Record<StattestName, Stattest>> = {
  ks: {
    name: 'ks',
    kind: 'p_value',
    defaultThreshold: 0.05,
    fits: numeric,
    run: (sample) => ({ ...ksTwoSample(referenceSample(sample), sample.current as Float64Array), bins: null }),
    drifted: (o, t) => (o.p_value as number) <= t,
  },
  chisquare: binnedStattest('chisquare', 'p_value', 0.05, valueBins, (bins) => chiSquareGoodnessOfFit(bins.reference, bins.current), below),
  z: {
    ...binnedStattest(
      'z',
      'p_value',
      0.05,
      valueBins,
      (bins) => twoProportionZTest(bins.reference[0], total(bins.reference), bins.current[0], total(bins.current)),
      below,
    ),
    fits: (sample) => valueBins(sample).labels.length <= 2,
  },
  wasserstein: {
    name: 'wasserstein',
    kind: 'distance',
    defaultThreshold: 0.1,
    fits: numeric,
    run: (sample) => ({ statistic: wassersteinToReference(sample), p_value: null, bins: null }),
    drifted: atLeast,
  },
  jensenshannon: binnedStattest('jensenshannon', 'distance', 0.1, valueBins, distance(jensenShannonDistance), atLeast),
  psi: binnedStattest('psi', 'distance', 0.1, edgeBins, distance(populationStabilityIndex), atLeast),
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
