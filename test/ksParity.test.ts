import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../shared/automl/util/random.js';
import { type KolmogorovMethod, kolmogorovMethod, kolmogorovSf } from '../shared/drift/kolmogorov/kolmogorovSf.js';
import { KS_EXACT_MAX_SIZE, ksAsymptoticSize, ksTwoSample } from '../shared/drift/ksTwoSample.js';

const ROOT = join(import.meta.dirname, '..');
const STATISTIC_TOLERANCE = 1e-9;
const P_VALUE_TOLERANCE = 1e-6;
/** Where both sides compute the same exact quantity (closed forms, Durbin, Birnbaum–Tingey). */
const EXACT_TOLERANCE = 1e-9;

/** Box–Muller: one standard normal from two uniforms. */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** kstwo.sf points: for every n, x over the whole range and on both sides of every threshold. */
function kstwoCases(random: Random): [number, number][] {
  const cases: [number, number][] = [];
  const ns = [1, 2, 3, 10, 50, 140, 141, 150, 200, 500, 1000, 5000, 20000, 100000, 200000];
  const near = (value: number) => [1 - 1e-3, 1 - 1e-7, 1 + 1e-7, 1 + 1e-3].map((f) => value * f);
  // Either side of n = 100000, where Durbin's matrix gives way to Pelz–Good.
  for (const n of [99999, 100001]) for (const x of [...near((1.4 / n) ** (2 / 3)), Math.sqrt(0.5 / n), Math.sqrt(1.5 / n)]) cases.push([x, n]);
  for (const n of ns) {
    // scipy takes 0.3–1 s a point at n ≥ 100000 in the Durbin and Birnbaum–Tingey regions: fewer points there.
    const large = n >= 100000;
    const xs: number[] = [];
    for (let i = 0; i <= 40; i += large ? 3 : 1) xs.push(Math.sqrt((1e-3 * 10 ** (i / 8)) / n)); // n x² from 1e-3 to 1e5
    for (const t of large ? [2.2, 370] : [0.754693, 2.2, 4, 370]) xs.push(...near(Math.sqrt(t / n))); // n x² thresholds
    xs.push(...near((1.4 / n) ** (2 / 3))); // n x^(3/2) = 1.4
    xs.push(...near(1 / (2 * n)), ...near(1 / n), ...near(0.5), ...near(1 - 1 / n), 1 / (2 * n), 1 / n, 0.5, 1 - 1 / n, 0, 1);
    for (let i = 0; i < (large ? 3 : 12); i++) xs.push(random(), Math.sqrt((5 * random()) / n));
    for (const x of xs) if (x >= 0 && x <= 1) cases.push([x, n]);
  }
  return cases;
}

/** Sample pairs for ks_2samp with max(m, n) > 10000: the asymptotic branch. */
function ks2sampCases(random: Random): [number[], number[]][] {
  const draws: Record<string, (shift: number) => number> = {
    normal: (shift) => shift + normal(random),
    lognormal: (shift) => Math.exp(shift + 0.8 * normal(random)),
    ties: (shift) => Math.round((shift + normal(random)) * 10) / 10,
    heavyTies: (shift) => Math.round(shift + 3 * random()),
  };
  const sizes = [[50, 20000], [300, 15000], [1000, 100000], [20000, 20000], [10001, 10001], [20001, 20001], [1, 12000], [3, 10001], [140, 30000], [141, 30000], [12000, 11000], [3000, 40000]];
  const cases: [number[], number[]][] = [];
  for (const [m, n] of sizes) {
    const scale = 1 / Math.sqrt((m * n) / (m + n)); // a shift of this order gives p-values in (0, 1)
    for (const [kind, draw] of Object.entries(draws)) {
      if (m * n > 1e8 && kind !== 'normal' && kind !== 'ties') continue; // the largest pairs: two kinds suffice
      for (const shift of [0, scale, 3 * scale]) {
        cases.push([Array.from({ length: m }, () => draw(0)), Array.from({ length: n }, () => draw(shift))]);
      }
    }
  }
  return cases;
}

interface Reference {
  kstwo_sf: number[];
  ks_2samp: [number, number][];
}

function runScipy(cases: { kstwo_sf: [number, number][]; ks_2samp: [number[], number[]][] }): Reference {
  const script = 'test/drift/ksReference.py';
  const run = spawnSync('python3', [script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`scipy parity needs python3 with numpy and scipy on PATH: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${script} failed (python3 with numpy and scipy is required, no skipping):\n${run.stderr}`);
  return JSON.parse(run.stdout) as Reference;
}

/** The largest |ours − scipy| per method, and where it is. */
function worstByMethod(ours: number[], scipy: number[], methods: KolmogorovMethod[]) {
  expect(ours.length).toBe(scipy.length);
  const worst = new Map<KolmogorovMethod, { error: number; at: number; count: number }>();
  ours.forEach((value, i) => {
    const entry = worst.get(methods[i]) ?? { error: 0, at: i, count: 0 };
    const error = value === scipy[i] ? 0 : Math.abs(value - scipy[i]);
    entry.count++;
    if (!(error <= entry.error)) [entry.error, entry.at] = [error, i];
    worst.set(methods[i], entry);
  });
  return worst;
}

describe('the asymptotic two-sample KS test matches scipy', () => {
  const random = createRandom(20260802);
  const cases = { kstwo_sf: kstwoCases(random), ks_2samp: ks2sampCases(random) };
  const scipy = runScipy(cases);

  it('kolmogorovSf = scipy.stats.kstwo.sf for every method and threshold', () => {
    const ours = cases.kstwo_sf.map(([x, n]) => kolmogorovSf(x, n));
    const methods = cases.kstwo_sf.map(([x, n]) => kolmogorovMethod(x, n));
    const worst = worstByMethod(ours, scipy.kstwo_sf, methods);
    console.log(`kstwo.sf max |Δp| by method: ${JSON.stringify(Object.fromEntries(worst))}`);
    expect([...worst.keys()].sort()).toEqual(['closed form', 'durbin', 'pelz-good', 'smirnov']);
    for (const [method, { error, at }] of worst) {
      const [x, n] = cases.kstwo_sf[at];
      const tolerance = method === 'pelz-good' ? P_VALUE_TOLERANCE : EXACT_TOLERANCE;
      expect(error, `${method}: worst at x ${x}, n ${n} (ours ${ours[at]}, scipy ${scipy.kstwo_sf[at]})`).toBeLessThanOrEqual(tolerance);
    }
  });

  it('ksTwoSample = scipy.stats.ks_2samp(method="auto") above 10,000 values a side', () => {
    expect(cases.ks_2samp.every(([u, v]) => Math.max(u.length, v.length) > KS_EXACT_MAX_SIZE)).toBe(true);
    const ours = cases.ks_2samp.map(([u, v]) => ksTwoSample(u, v));
    const statisticError = Math.max(...ours.map((o, i) => Math.abs(o.statistic - scipy.ks_2samp[i][0])));
    expect(statisticError).toBeLessThanOrEqual(STATISTIC_TOLERANCE);
    const methods = cases.ks_2samp.map(([u, v], i) => kolmogorovMethod(ours[i].statistic, ksAsymptoticSize(u.length, v.length)));
    const worst = worstByMethod(ours.map((o) => o.p_value), scipy.ks_2samp.map((s) => s[1]), methods);
    console.log(`ks_2samp: ${cases.ks_2samp.length} pairs, max |Δstatistic| ${statisticError}, max |Δp| by method: ${JSON.stringify(Object.fromEntries(worst))}`);
    for (const [method, { error, at }] of worst) {
      const [u, v] = cases.ks_2samp[at];
      expect(error, `${method}: worst at ${u.length} vs ${v.length} (ours ${ours[at].p_value}, scipy ${scipy.ks_2samp[at][1]})`).toBeLessThanOrEqual(P_VALUE_TOLERANCE);
    }
  });
});
