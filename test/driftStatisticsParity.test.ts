import { ksExactPValue } from '../shared/drift/ksExactPValue.js';
import { ksStatistic } from '../shared/drift/ksStatistic.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../shared/automl/util/random.js';
import { chiSquareGoodnessOfFit } from '../shared/drift/chiSquareGoodnessOfFit.js';
import { jensenShannonDistance } from '../shared/drift/jensenShannonDistance.js';
import { normalizedWasserstein } from '../shared/drift/normalizedWasserstein.js';
import { chiSquareSf } from '../shared/drift/special/chiSquareSf.js';
import { complementaryErrorFunction } from '../shared/drift/special/complementaryErrorFunction.js';
import { normalSf } from '../shared/drift/special/normalSf.js';
import { twoProportionZTest } from '../shared/drift/twoProportionZTest.js';
import { wassersteinDistance } from '../shared/drift/wassersteinDistance.js';

const ROOT = join(import.meta.dirname, '..');
const STATISTIC_TOLERANCE = 1e-9;
const P_VALUE_TOLERANCE = 1e-6;
const SPECIAL_TOLERANCE = 1e-12;

/** Box–Muller: one standard normal from two uniforms. */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function sample(random: Random, n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

/** Counts of n draws from the shares `weights` (unnormalized) over their bins. */
function multinomial(random: Random, n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(weights.length).fill(0);
  for (let draw = 0; draw < n; draw++) {
    let u = random() * total;
    let bin = 0;
    while (bin < weights.length - 1 && u >= weights[bin]) u -= weights[bin++];
    counts[bin]++;
  }
  return counts;
}

function generateCases() {
  const random = createRandom(20260801);
  const integer = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const chi2sf: [number, number][] = [];
  const dfs = [1, 2, 3, 4, 5, 7, 10, 15, 29, 30, 31, 50, 99, 100, 200, 299, 500, 999, 1000];
  for (const df of dfs) {
    const xs = [0, 1e-8, 1e-3, 0.1, 0.5, 1, 2, 3.84, 5, 10, 20, 50, 100, 1e3, 1e4, 1e5, 2e5];
    for (const f of [0.5, 0.8, 0.9, 0.95, 0.99, 1, 1.01, 1.05, 1.1, 1.2, 1.5, 2]) xs.push(df * f, df * f + 2);
    for (let s = -6; s <= 6; s++) xs.push(Math.max(0, df + s * Math.sqrt(2 * df)));
    for (const x of xs) chi2sf.push([x, df]);
  }
  for (let i = 0; i < 200; i++) chi2sf.push([random() * 3000, 1 + random() * 999]);

  const erfc: number[] = [];
  for (let x = -6; x <= 30; x += 0.0625) erfc.push(x);
  for (let i = 0; i < 300; i++) erfc.push(-6 + random() * 34);
  erfc.push(1e-300, 1e-12, 1e-6, 0.999999999, 1, 1.000000001, 26.5, 27);
  const normsf: number[] = [];
  for (let z = -10; z <= 30; z += 0.125) normsf.push(z);
  for (let i = 0; i < 300; i++) normsf.push(-10 + random() * 40);

  const wasserstein: [number[], number[]][] = [];
  const distributions: ((shift: number, scale: number) => number)[] = [
    (shift, scale) => shift + scale * normal(random),
    (shift, scale) => Math.exp(shift + scale * normal(random)),
    (shift, scale) => Math.round((shift + scale * normal(random)) * 10) / 10, // ties
    (shift) => Math.round(shift + 3 * random()), // heavy ties: a handful of integers
  ];
  for (const [n, m] of [[1, 1], [1, 7], [5, 3], [20, 30], [100, 80], [500, 700], [1000, 1000], [3000, 5000], [20000, 20000], [20000, 1000]]) {
    for (const draw of distributions) {
      const shift = random() < 0.5 ? 0 : random() * 0.5;
      wasserstein.push([sample(random, n, () => draw(0, 1)), sample(random, m, () => draw(shift, 0.5 + random() * 0.5))]);
    }
  }
  wasserstein.push([[2, 2, 2], [2, 2]], [[5, 5, 5, 5], [5, 6, 5]], [[1e-4, 1e-4 + 1e-6], [0, 1]]); // constant and tiny-std references

  // Weighted: distinct reference values with their counts (a drift reference's exact value counts),
  // and sometimes weights on the current side too, as scipy's u_weights / v_weights.
  const weightedWasserstein: [number[], number[], number[], number[] | undefined][] = [];
  for (const [k, m] of [[1, 1], [2, 5], [6, 40], [18, 1000], [256, 3000]]) {
    for (let c = 0; c < 4; c++) {
      const step = [1, 5, 0.1, 0.25][c];
      const values = Array.from({ length: k }, (_, i) => 80 + step * i);
      const counts = values.map(() => integer(c === 3 ? 0 : 1, 500));
      if (!counts.some((n) => n > 0)) counts[0] = 1;
      const current = sample(random, m, () => values[integer(0, k - 1)] + (random() < 0.2 ? step * 0.5 : 0));
      weightedWasserstein.push([values, current, counts, c === 2 ? current.map(() => random()) : undefined]);
    }
  }

  const categorical: [number[], number[]][] = [];
  for (let c = 0; c < 80; c++) {
    const k = integer(2, 30);
    const weights = sample(random, k, () => random());
    const shifted = weights.map((w) => (random() < 0.3 ? w * (0.5 + random()) : w));
    if (random() < 0.5) weights[integer(0, k - 1)] = 0; // a category unseen in the reference
    if (random() < 0.2) {
      const both = integer(0, k - 1);
      weights[both] = 0;
      shifted[both] = 0; // a bin empty on both sides
    }
    if (!weights.some((w) => w > 0)) weights[0] = 1;
    if (!shifted.some((w) => w > 0)) shifted[0] = 1;
    const n = [20, 100, 1000, 5000, 20000][integer(0, 4)];
    const reference = multinomial(random, n, weights);
    const current = multinomial(random, [10, 100, 1000, 20000][integer(0, 3)], random() < 0.4 ? weights : shifted);
    if (!reference.some((r) => r > 0)) reference[0] = 1;
    if (!current.some((r) => r > 0)) current[0] = 1;
    categorical.push([reference, current]);
  }
  categorical.push([[500, 500, 0], [350, 350, 300]], [[500, 500, 0], [500, 499, 1]], [[1000, 0], [0, 1000]]);

  const ztest: [number, number, number, number][] = [];
  for (let c = 0; c < 200; c++) {
    const n1 = [1, 10, 100, 1000, 20000][integer(0, 4)];
    const n2 = integer(1, 20000);
    const p = random();
    const q = random() < 0.5 ? p : random();
    ztest.push([Math.round(n1 * p), n1, Math.round(n2 * q), n2]);
  }
  ztest.push([0, 100, 0, 50], [100, 100, 50, 50], [1000, 1000, 0, 1000], [1, 2, 1, 2]);

  // The exact KS p-value: every sample pair of at most 5,000 values a side, and small ones with ties.
  const ksExact = wasserstein.filter(([u, v]) => Math.max(u.length, v.length) <= 5000);
  for (const [n, m] of [[3, 4], [8, 8], [10, 25], [37, 41], [60, 60], [150, 90]]) {
    for (const shift of [0, 0.3, 1]) ksExact.push([sample(random, n, () => Math.round(normal(random) * 4) / 4), sample(random, m, () => Math.round((shift + normal(random)) * 4) / 4)]);
  }

  return { chi2sf, erfc, normsf, chisquare: categorical, ztest, wasserstein, weighted_wasserstein: weightedWasserstein, jensenshannon: categorical, ks_exact: ksExact };
}

interface Reference {
  chi2sf: number[];
  erfc: number[];
  normsf: number[];
  chisquare: [number, number][];
  ztest: [number, number][];
  wasserstein: [number, number][];
  weighted_wasserstein: [number, number][];
  jensenshannon: number[];
  ks_exact: [number, number][];
}

function runScipy(cases: ReturnType<typeof generateCases>): Reference {
  const script = 'test/drift/statsReference.py';
  const run = spawnSync('python3', [script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`scipy parity needs python3 with numpy and scipy on PATH: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${script} failed (python3 with numpy and scipy is required, no skipping):\n${run.stderr}`);
  return JSON.parse(run.stdout) as Reference;
}

/** The largest |ours − scipy| over the cases, and where it is. */
function worst(ours: number[], scipy: number[]): { error: number; at: number } {
  expect(ours.length).toBe(scipy.length);
  let error = 0;
  let at = -1;
  ours.forEach((value, i) => {
    const e = value === scipy[i] ? 0 : Math.abs(value - scipy[i]);
    if (!(e <= error)) [error, at] = [e, i];
  });
  return { error, at };
}

describe('drift statistics match scipy', () => {
  const cases = generateCases();
  const scipy = runScipy(cases);
  const report: Record<string, number> = {};
  const check = (name: string, ours: number[], theirs: number[], tolerance: number) => {
    const { error, at } = worst(ours, theirs);
    report[name] = error;
    expect(error, `${name}: worst at case ${at} (ours ${ours[at]}, scipy ${theirs[at]})`).toBeLessThanOrEqual(tolerance);
  };

  it('chiSquareSf = scipy.stats.chi2.sf within 1e-12', () => {
    check('chi2.sf', cases.chi2sf.map(([x, df]) => chiSquareSf(x, df)), scipy.chi2sf, SPECIAL_TOLERANCE);
  });

  it('complementaryErrorFunction = scipy.special.erfc within 1e-12 absolute and 1e-13 relative', () => {
    const ours = cases.erfc.map(complementaryErrorFunction);
    check('erfc', ours, scipy.erfc, SPECIAL_TOLERANCE);
    const relative = ours.map((value, i) => (scipy.erfc[i] > 1e-300 ? Math.abs(value - scipy.erfc[i]) / scipy.erfc[i] : 0));
    report['erfc relative'] = Math.max(...relative);
    expect(report['erfc relative']).toBeLessThanOrEqual(1e-13);
  });

  it('normalSf = scipy.stats.norm.sf within 1e-12, tails to z = 30', () => {
    check('norm.sf', cases.normsf.map(normalSf), scipy.normsf, SPECIAL_TOLERANCE);
  });

  it('chiSquareGoodnessOfFit = scipy.stats.chisquare(current, f_exp=expected)', () => {
    const ours = cases.chisquare.map(([r, c]) => chiSquareGoodnessOfFit(r, c));
    check('chisquare statistic', ours.map((o) => o.statistic), scipy.chisquare.map((s) => s[0]), STATISTIC_TOLERANCE);
    check('chisquare p-value', ours.map((o) => o.p_value), scipy.chisquare.map((s) => s[1]), P_VALUE_TOLERANCE);
  });

  it('twoProportionZTest = the pooled z with 2 · norm.sf(|z|)', () => {
    const ours = cases.ztest.map(([s1, n1, s2, n2]) => twoProportionZTest(s1, n1, s2, n2));
    check('z statistic', ours.map((o) => o.statistic), scipy.ztest.map((s) => s[0]), STATISTIC_TOLERANCE);
    check('z p-value', ours.map((o) => o.p_value), scipy.ztest.map((s) => s[1]), P_VALUE_TOLERANCE);
  });

  it('wassersteinDistance and normalizedWasserstein = scipy.stats.wasserstein_distance (/ max(np.std, 0.001))', () => {
    check('wasserstein', cases.wasserstein.map(([u, v]) => wassersteinDistance(u, v)), scipy.wasserstein.map((s) => s[0]), STATISTIC_TOLERANCE);
    check('normalized wasserstein', cases.wasserstein.map(([u, v]) => normalizedWasserstein(u, v)), scipy.wasserstein.map((s) => s[1]), STATISTIC_TOLERANCE);
  });

  it('weighted: wassersteinDistance(u, v, uWeights, vWeights) = wasserstein_distance(u, v, u_weights, v_weights), normalized by the weighted std', () => {
    const cases_ = cases.weighted_wasserstein;
    check('weighted wasserstein', cases_.map(([u, v, uw, vw]) => wassersteinDistance(u, v, uw, vw)), scipy.weighted_wasserstein.map((s) => s[0]), STATISTIC_TOLERANCE);
    const unweightedCurrent = cases_.filter(([, , , vw]) => vw === undefined);
    const expected = scipy.weighted_wasserstein.filter((_, i) => cases_[i][3] === undefined).map((s) => s[1]);
    check('weighted normalized wasserstein', unweightedCurrent.map(([u, v, uw]) => normalizedWasserstein(u, v, uw)), expected, STATISTIC_TOLERANCE);
  });

  it('ksStatistic with ksExactPValue = scipy.stats.ks_2samp(method="exact"), ties included', () => {
    const ours = cases.ks_exact.map(([u, v]) => ksExactPValue(u.length, v.length, ksStatistic(u, v)));
    check('ks statistic', ours.map((o) => o.statistic), scipy.ks_exact.map((s) => s[0]), STATISTIC_TOLERANCE);
    check('ks exact p-value', ours.map((o) => o.p_value), scipy.ks_exact.map((s) => s[1]), P_VALUE_TOLERANCE);
  });

  it('jensenShannonDistance = scipy.spatial.distance.jensenshannon (base e)', () => {
    check('jensenshannon', cases.jensenshannon.map(([p, q]) => jensenShannonDistance(p, q)), scipy.jensenshannon, STATISTIC_TOLERANCE);
    console.log(`max |ours − scipy|: ${JSON.stringify(report)}`);
  });
});
