import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/automl/errors.js';
import { createRandom } from '../shared/automl/util/random.js';
import {
  accuracy,
  averagePrecision,
  bestF1Threshold,
  brierScore,
  f1Score,
  LOG_LOSS_EPS,
  logLoss,
  meanAbsoluteError,
  multiclassAccuracy,
  multiclassLogLoss,
  r2Score,
  rmse,
  rocAuc,
} from '../shared/automl/metrics/index.js';

// Fixtures generated once with numpy (default_rng(20240611)); scores are on a 0.1 grid, so there
// are many ties, several mixing both classes. Expected values below were computed once with
// scikit-learn 1.9.1 (numpy 2.4.6) and hard-coded; nothing is read from disk at run time.
const y = [0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0];
const s = [0.6, 0.4, 0.4, 0.9, 0.6, 0.6, 0.9, 0.5, 0.5, 0.0, 0.6, 0.2, 1.0, 0.4, 0.1, 0.7, 0.6, 0.7, 0.0, 0.7, 0.3, 0.0, 0.6, 0.7, 0.6, 0.6, 0.9, 0.8, 0.4, 0.6, 0.4, 0.7, 0.2, 0.2, 0.4, 0.4, 0.5, 0.8, 0.6, 0.3];
const p = [0.65, 0.64, 0.43, 0.82, 0.08, 0.84, 0.65, 0.57, 0.5, 0.39, 0.85, 0.57, 0.51, 0.79, 0.16, 0.65, 0.23, 0.61, 0.53, 0.6, 0.67, 0.14, 0.55, 0.39, 0.33, 0.68, 0.67, 0.61, 0.22, 0.04, 0.1, 0.69, 0.17, 0.18, 0.86, 0.75, 0.29, 0.78, 0.69, 0.09];
const yhat = [0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1];
const a = [7.53, 10.11, 11.02, 12.63, 8.57, 6.94, 6.94, 14.16, 6.72, 9.74, 10.59, 13.04, 14.38, 10.15, 15.69, 7.54, 10.98, 9.29, 11.72, 7.14, 6.71, 13.85, 13.19, 11.68, 7.89, 11.78, 11.34, 13.7, 10.7, 5.16];
const pr = [7.21, 10.07, 12.21, 12.26, 6.98, 8.67, 7.52, 12.51, 5.72, 11.12, 8.57, 14.49, 14.41, 9.92, 16.99, 6.9, 11.06, 11.74, 10.45, 9.87, 4.18, 12.57, 14.54, 10.69, 7.41, 12.96, 12.78, 14.44, 9.89, 6.1];
const ym = [0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 2, 0, 2, 2, 0, 0, 1, 2, 1, 2, 0, 0, 0, 1, 0, 2, 1, 0, 1];
const pm = [0.4117647058823529, 0.17647058823529413, 0.4117647058823529, 0.36363636363636365, 0.36363636363636365, 0.2727272727272727, 0.18181818181818182, 0.6363636363636364, 0.18181818181818182, 0.4, 0.4, 0.2, 0.16666666666666666, 0.3888888888888889, 0.4444444444444444, 0.38461538461538464, 0.15384615384615385, 0.46153846153846156, 0.3181818181818182, 0.3181818181818182, 0.36363636363636365, 0.14285714285714285, 0.42857142857142855, 0.42857142857142855, 0.4166666666666667, 0.5, 0.08333333333333333, 0.26666666666666666, 0.4, 0.3333333333333333, 0.23076923076923078, 0.3076923076923077, 0.46153846153846156, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333, 0.4, 0.2, 0.4, 0.5454545454545454, 0.18181818181818182, 0.2727272727272727, 0.2, 0.6, 0.2, 0.35714285714285715, 0.14285714285714285, 0.5, 0.5, 0.25, 0.25, 0.25, 0.4166666666666667, 0.3333333333333333, 0.42857142857142855, 0.5, 0.07142857142857142, 0.5, 0.4, 0.1, 0.4444444444444444, 0.3888888888888889, 0.16666666666666666, 0.45454545454545453, 0.45454545454545453, 0.09090909090909091, 0.3333333333333333, 0.16666666666666666, 0.5, 0.5, 0.4375, 0.0625, 0.2727272727272727, 0.18181818181818182, 0.5454545454545454, 0.6, 0.1, 0.3, 0.4, 0.2, 0.4, 0.09090909090909091, 0.6363636363636364, 0.2727272727272727, 0.25, 0.35, 0.4, 0.09090909090909091, 0.18181818181818182, 0.7272727272727273];

const TOL = 1e-12;
const close = (actual: number, expected: number, tol = TOL) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
const f64 = (values: number[]) => Float64Array.from(values);


/** 100,000 rows, ~30 % positives, scores on a 0.001 grid (many ties); replicated in Python. */
function bigFixture(): { labels: Float64Array; scores: Float64Array } {
  const random = createRandom(12345);
  const n = 100_000;
  const labels = new Float64Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = random() < 0.3 ? 1 : 0;
    const u = random();
    labels[i] = label;
    scores[i] = Math.floor((u * 0.7 + 0.3 * label) * 1000 + 0.5) / 1000;
  }
  return { labels, scores };
}

describe('rocAuc', () => {
  it('matches scikit-learn roc_auc_score with tied scores', () => {
    close(rocAuc(f64(y), f64(s)), 0.8813131313131314); // roc_auc_score(y, s)
    close(rocAuc(y, p), 0.8876262626262628); // roc_auc_score(y, p), plain arrays accepted
  });

  it('counts a tied positive–negative pair as one half, and -0 ties +0', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 1], [-0, 0])).toBe(0.5);
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(rocAuc([1, 0], [1, 0])).toBe(1);
    expect(rocAuc([1, 0], [0, 1])).toBe(0);
  });

  it('matches scikit-learn on 100,000 rows', () => {
    const { labels, scores } = bigFixture();
    close(rocAuc(labels, scores), 0.8364961805576231); // roc_auc_score, scikit-learn 1.9.1
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => rocAuc([], [])).toThrow(InvalidInputError);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(InvalidInputError);
    expect(() => rocAuc([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/single class/);
    expect(() => rocAuc([0, 0], [0.1, 0.2])).toThrow(InvalidInputError);
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(InvalidInputError);
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(InvalidInputError);
  });
});

describe('averagePrecision', () => {
  it('matches scikit-learn average_precision_score with tied scores', () => {
    close(averagePrecision(f64(y), f64(s)), 0.8839023879346458);
    close(averagePrecision(f64(y), f64(p)), 0.9025452583219453);
  });

  it('is 1 for all-positive labels, as scikit-learn', () => {
    expect(averagePrecision([1, 1, 1], [0.1, 0.2, 0.3])).toBe(1);
  });

  it('matches scikit-learn on 100,000 rows', () => {
    const { labels, scores } = bigFixture();
    close(averagePrecision(labels, scores), 0.7531052939465646);
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => averagePrecision([], [])).toThrow(InvalidInputError);
    expect(() => averagePrecision([0, 1, 1], [0.1, 0.2])).toThrow(InvalidInputError);
    expect(() => averagePrecision([0, 0, 0], [0.1, 0.2, 0.3])).toThrow(InvalidInputError);
  });
});

describe('logLoss', () => {
  it('matches scikit-learn log_loss (labels=[0, 1])', () => {
    close(logLoss(f64(y), f64(p)), 0.4481881326313345);
  });

  it('clips probabilities to [1e-15, 1 - 1e-15]', () => {
    expect(LOG_LOSS_EPS).toBe(1e-15);
    close(logLoss([1], [0]), -Math.log(1e-15));
    close(logLoss([0], [1]), -Math.log(1 - (1 - 1e-15)));
    expect(logLoss([1, 0], [1, 0])).toBeCloseTo(-Math.log(1 - 1e-15), 14);
    close(logLoss([1, 1], [0.5, 0.5]), Math.LN2); // single class allowed
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => logLoss([], [])).toThrow(InvalidInputError);
    expect(() => logLoss([0, 1], [0.5])).toThrow(InvalidInputError);
    expect(() => logLoss([0, 1], [0.5, 1.2])).toThrow(InvalidInputError);
    expect(() => logLoss([0, 1], [0.5, -0.1])).toThrow(InvalidInputError);
    expect(() => logLoss([0, 1], [0.5, NaN])).toThrow(InvalidInputError);
    expect(() => logLoss([0, 3], [0.5, 0.5])).toThrow(InvalidInputError);
  });
});

describe('multiclassLogLoss', () => {
  it('matches scikit-learn log_loss (labels=range(3))', () => {
    close(multiclassLogLoss(f64(ym), f64(pm), 3), 1.1068910553320397);
  });

  it('clips probabilities and allows absent classes', () => {
    close(multiclassLogLoss([0, 0], [0, 0.5, 0.5, 1, 0, 0], 3), -Math.log(1e-15) / 2 - Math.log(1 - 1e-15) / 2);
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => multiclassLogLoss([], [], 3)).toThrow(InvalidInputError);
    expect(() => multiclassLogLoss([0, 1], [0.5, 0.5, 0.5], 3)).toThrow(InvalidInputError);
    expect(() => multiclassLogLoss([0, 3], [1, 0, 0, 1, 0, 0], 3)).toThrow(InvalidInputError);
    expect(() => multiclassLogLoss([0, 1.5], [1, 0, 0, 1, 0, 0], 3)).toThrow(InvalidInputError);
    expect(() => multiclassLogLoss([0], [1], 1)).toThrow(InvalidInputError);
    expect(() => multiclassLogLoss([0], [1, 0, 0], 2.5)).toThrow(InvalidInputError);
    expect(() => multiclassLogLoss([0], [1, 0, 2], 3)).toThrow(InvalidInputError);
  });
});

describe('brierScore', () => {
  it('matches scikit-learn brier_score_loss', () => {
    close(brierScore(f64(y), f64(p)), 0.1437025);
    close(brierScore([1, 1, 1], [0.1, 0.2, 0.3]), 0.6466666666666667); // single class
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => brierScore([], [])).toThrow(InvalidInputError);
    expect(() => brierScore([0], [0.1, 0.2])).toThrow(InvalidInputError);
    expect(() => brierScore([0, 1], [0.1, 1.5])).toThrow(InvalidInputError);
  });
});

describe('f1Score', () => {
  it('matches scikit-learn f1_score', () => {
    close(f1Score(f64(y), f64(yhat)), 0.8);
  });

  it('is 0 with no true and no predicted positive (zero_division=0)', () => {
    expect(f1Score([0, 0, 0], [0, 0, 0])).toBe(0);
    expect(f1Score([1, 0], [0, 1])).toBe(0);
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => f1Score([], [])).toThrow(InvalidInputError);
    expect(() => f1Score([0, 1], [1])).toThrow(InvalidInputError);
    expect(() => f1Score([0, 1], [1, 2])).toThrow(InvalidInputError);
  });
});

describe('bestF1Threshold', () => {
  it('matches the best f1_score(y, s >= t) over the distinct scores', () => {
    // Brute force with scikit-learn f1_score over every distinct score of s.
    const best = bestF1Threshold(f64(y), f64(s));
    expect(best.threshold).toBe(0.4);
    close(best.f1, 0.8301886792452831);
    expect(best.f1).toBe(f1Score(y, s.map((v) => (v >= best.threshold ? 1 : 0))));
  });

  it('breaks ties towards the highest threshold', () => {
    // F1 = 0.5 at thresholds 9, 5 and 1.
    expect(bestF1Threshold([1, 0, 0, 0, 1, 0, 0, 0, 1], [9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ threshold: 9, f1: 0.5 });
    expect(bestF1Threshold([1, 1, 1], [0.2, 0.2, 0.7])).toEqual({ threshold: 0.2, f1: 1 });
  });

  it('matches scikit-learn on 100,000 rows', () => {
    const { labels, scores } = bigFixture();
    const best = bestF1Threshold(labels, scores);
    expect(best.threshold).toBe(0.655); // argmax of the precision_recall_curve F1, unique
    close(best.f1, 0.6035495790175056); // f1_score(y, s >= 0.655)
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => bestF1Threshold([], [])).toThrow(InvalidInputError);
    expect(() => bestF1Threshold([0, 1], [0.1])).toThrow(InvalidInputError);
    expect(() => bestF1Threshold([0, 0], [0.1, 0.2])).toThrow(InvalidInputError);
  });
});

describe('regression metrics', () => {
  it('match scikit-learn root_mean_squared_error, mean_absolute_error and r2_score', () => {
    close(rmse(f64(a), f64(pr)), 1.3313889990031713);
    close(meanAbsoluteError(f64(a), f64(pr)), 1.1263333333333336);
    close(r2Score(f64(a), f64(pr)), 0.7631503793484866);
  });

  it('r2Score: constant actual gives 1 when perfect, else 0 (force_finite=True)', () => {
    expect(r2Score([3, 3, 3], [3, 3, 3])).toBe(1);
    expect(r2Score([3, 3, 3], [3, 3, 4])).toBe(0);
  });

  it('throw InvalidInputError on bad input', () => {
    for (const metric of [rmse, meanAbsoluteError, r2Score]) {
      expect(() => metric([], [])).toThrow(InvalidInputError);
      expect(() => metric([1, 2], [1])).toThrow(InvalidInputError);
      expect(() => metric([1, Infinity], [1, 2])).toThrow(InvalidInputError);
      expect(() => metric([1, 2], [1, NaN])).toThrow(InvalidInputError);
    }
    expect(() => r2Score([1], [1])).toThrow(InvalidInputError);
  });
});

describe('accuracy', () => {
  it('matches scikit-learn accuracy_score', () => {
    close(accuracy(f64(y), f64(yhat)), 0.775);
    expect(accuracy([0, 1, 2, 2], [0, 2, 2, 1])).toBe(0.5);
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => accuracy([], [])).toThrow(InvalidInputError);
    expect(() => accuracy([0, 1], [0])).toThrow(InvalidInputError);
    expect(() => accuracy([0, -1], [0, 1])).toThrow(InvalidInputError);
  });
});

describe('multiclassAccuracy', () => {
  it('matches scikit-learn accuracy_score(y, P.argmax(1)), ties to the first class', () => {
    close(multiclassAccuracy(f64(ym), f64(pm), 3), 0.4);
    expect(multiclassAccuracy([0, 1, 2], [0.4, 0.4, 0.2, 0.2, 0.4, 0.4, 1 / 3, 1 / 3, 1 / 3], 3)).toBe(2 / 3); // predicts 0, 1, 0
  });

  it('throws InvalidInputError on bad input', () => {
    expect(() => multiclassAccuracy([], [], 2)).toThrow(InvalidInputError);
    expect(() => multiclassAccuracy([0], [0.5, 0.5, 0], 2)).toThrow(InvalidInputError);
    expect(() => multiclassAccuracy([0], [NaN, 0.5], 2)).toThrow(InvalidInputError);
  });
});
