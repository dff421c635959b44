import { describe, expect, it } from 'vitest';
import { primaryScore } from '../shared/automl/evaluation/taskMetrics.js';
import { createRandom } from '../shared/automl/util/random.js';
import { pairedBootstrap } from '../shared/decision/bootstrap/pairedBootstrap.js';
import { resampledScore } from '../shared/decision/bootstrap/resampledScore.js';
import { judgeChallenger } from '../shared/decision/challengerPolicy.js';

const random = createRandom(11);
const n = 600;
const y = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
/** Scores that separate the classes with `signal` (0: chance), ties included (rounded to 2 decimals). */
const scores = (signal: number) => Float64Array.from(y, (label) => Math.round(Math.min(1, Math.max(0, 0.5 + signal * (label - 0.5) + (random() - 0.5))) * 100) / 100);

describe('resampledScore', () => {
  it('equals primaryScore on the holdout itself (all weights 1), for every task', () => {
    const ones = new Float64Array(n).fill(1);
    const binary = scores(0.3);
    expect(resampledScore('binary', y, binary, 2).score(ones)).toBeCloseTo(primaryScore('binary', y, binary, 2), 12);
    const values = Float64Array.from(y, (v) => v * 3 + random());
    expect(resampledScore('regression', y, values, 0).score(ones)).toBeCloseTo(primaryScore('regression', y, values, 0), 12);
    const k = 3;
    const labels = Float64Array.from({ length: n }, () => Math.floor(random() * k));
    const probabilities = new Float64Array(n * k);
    labels.forEach((label, i) => {
      for (let c = 0; c < k; c++) probabilities[i * k + c] = c === label ? 0.6 : 0.2;
    });
    expect(resampledScore('multiclass', labels, probabilities, k).score(ones)).toBeCloseTo(primaryScore('multiclass', labels, probabilities, k), 12);
  });

  it('counts a row twice when its weight is 2', () => {
    const labels = Float64Array.of(0, 1, 0, 1);
    const s = Float64Array.of(0.1, 0.4, 0.35, 0.8);
    const weights = Float64Array.of(1, 1, 2, 1);
    const expanded = primaryScore('binary', Float64Array.of(0, 1, 0, 0, 1), Float64Array.of(0.1, 0.4, 0.35, 0.35, 0.8), 2);
    expect(resampledScore('binary', labels, s, 2).score(weights)).toBeCloseTo(expanded, 12);
  });
});

describe('pairedBootstrap and judgeChallenger', () => {
  const champion = resampledScore('binary', y, scores(0.3), 2);

  it('is deterministic for a seed, and a copy of the champion gains nothing: rejected', () => {
    const same = pairedBootstrap(champion, champion, n, { samples: 300, seed: 5 });
    expect(same).toMatchObject({ gain: 0, interval: [0, 0], samples: 300, seed: 5 });
    expect(pairedBootstrap(champion, champion, n, { samples: 300, seed: 5 })).toEqual(same);
    expect(judgeChallenger(same).reason).toMatch(/^not better: .*the gain is below the margin/);
  });

  it('promotes a clearly better challenger, with the interval above 0', () => {
    const comparison = pairedBootstrap(champion, resampledScore('binary', y, scores(0.8), 2), n, { samples: 500 });
    expect(comparison.gain).toBeGreaterThan(0.05);
    expect(comparison.interval[0]).toBeGreaterThan(0);
    expect(comparison.interval[0]).toBeLessThan(comparison.gain);
    expect(comparison.interval[1]).toBeGreaterThan(comparison.gain);
    expect(judgeChallenger(comparison)).toMatchObject({ decision: 'promoted', reason: expect.stringMatching(/^better: roc_auc .* on the same 600 holdout rows/) });
    expect(judgeChallenger(comparison, { margin: 0.5 }).decision).toBe('rejected');
  });

  it('rejects a gain the bootstrap cannot tell from noise', () => {
    const noisy = resampledScore('binary', y, scores(0.3), 2); // same signal, other noise
    const comparison = pairedBootstrap(champion, noisy, n, { samples: 500 });
    expect(comparison.interval[0]).toBeLessThan(0);
    expect(comparison.interval[1]).toBeGreaterThan(0);
    expect(judgeChallenger(comparison, { margin: 0 })).toMatchObject({ decision: 'rejected' });
  });

  it('signs the gain so that positive is better when lower is better (rmse)', () => {
    const target = Float64Array.from({ length: n }, () => random() * 10);
    const close = resampledScore('regression', target, target.map((v) => v + (random() - 0.5)), 0);
    const far = resampledScore('regression', target, target.map((v) => v + 3 * (random() - 0.5)), 0);
    const comparison = pairedBootstrap(far, close, n, { samples: 300 });
    expect(comparison.metric).toBe('rmse');
    expect(comparison.gain).toBeCloseTo(comparison.champion - comparison.challenger, 12);
    expect(comparison.gain).toBeGreaterThan(0);
    expect(judgeChallenger(comparison).decision).toBe('promoted');
  });
});
