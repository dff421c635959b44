import { describe, expect, it } from 'vitest';
import { MIN_FIRST_AUC, judgeCandidate } from '../shared/decision/promotionPolicy.js';

/** The `metrics.json` shape the policy reads, taken from the function itself. */
type Metrics = Parameters<typeof judgeCandidate>[0];

function metrics(task: Metrics['task'], test: Record<string, number>, overrides: Partial<Metrics> = {}): Metrics {
  const primary = { binary: 'roc_auc', multiclass: 'log_loss', regression: 'rmse' } as const;
  return {
    task,
    n_classes: task === 'regression' ? 0 : task === 'binary' ? 2 : 3,
    candidate: 'linear',
    primary_metric: primary[task],
    validation: { folds: 5, cv_mean: 0, cv_std: 0 },
    test,
    train_rows: 80,
    test_rows: 20,
    ...overrides,
  };
}

const binary = (roc_auc: number) => metrics('binary', { roc_auc, log_loss: 0.5 });
const regression = (rmse: number, r2 = 0.5) => metrics('regression', { rmse, r2, mae: 1 });
const multiclass = (log_loss: number, n_classes = 3) => metrics('multiclass', { log_loss, accuracy: 0.5 }, { n_classes });

describe('judgeCandidate: the first model', () => {
  it('promotes a binary model with ROC AUC at least MIN_FIRST_AUC and rejects one below', () => {
    expect(MIN_FIRST_AUC).toBe(0.55);
    expect(judgeCandidate(binary(0.55))).toEqual({ decision: 'promoted', reason: 'first model: roc_auc 0.55 ≥ 0.55' });
    expect(judgeCandidate(binary(0.9))).toMatchObject({ decision: 'promoted' });
    expect(judgeCandidate(binary(0.5499))).toEqual({
      decision: 'rejected',
      reason: 'first model fails validation: roc_auc 0.5499 < 0.55',
    });
  });

  it('promotes a regression model with R² above 0 and rejects R² ≤ 0 (no better than the mean)', () => {
    expect(judgeCandidate(regression(3, 0.2))).toEqual({ decision: 'promoted', reason: 'first model: r2 0.2 > 0' });
    for (const r2 of [0, -0.4]) {
      expect(judgeCandidate(regression(3, r2))).toEqual({
        decision: 'rejected',
        reason: `first model fails validation: r2 ${r2} ≤ 0 (no better than the mean)`,
      });
    }
  });

  it('promotes a multiclass model with log loss below ln k and rejects one at or above it', () => {
    expect(judgeCandidate(multiclass(0.8))).toEqual({ decision: 'promoted', reason: 'first model: log_loss 0.8 < ln k = 1.098612' });
    expect(judgeCandidate(multiclass(Math.log(3)))).toEqual({
      decision: 'rejected',
      reason: 'first model fails validation: log_loss 1.098612 ≥ ln k = 1.098612',
    });
    expect(judgeCandidate(multiclass(1.2, 4))).toMatchObject({ decision: 'promoted' }); // ln 4 ≈ 1.386
    expect(judgeCandidate(multiclass(1.2, 3))).toMatchObject({ decision: 'rejected' });
  });
});

describe('judgeCandidate: against production', () => {
  it('promotes only a strictly higher score for a higher-is-better metric (ROC AUC)', () => {
    const production = binary(0.8);
    expect(judgeCandidate(binary(0.81), production)).toEqual({ decision: 'promoted', reason: 'better: roc_auc 0.81 vs production 0.8' });
    expect(judgeCandidate(binary(0.79), production)).toEqual({ decision: 'rejected', reason: 'not better: roc_auc 0.79 vs production 0.8' });
    expect(judgeCandidate(binary(0.8), production)).toEqual({ decision: 'rejected', reason: 'not better: roc_auc 0.8 vs production 0.8' });
  });

  it('promotes only a strictly lower score for a lower-is-better metric (RMSE, log loss)', () => {
    expect(judgeCandidate(regression(2.5), regression(3))).toEqual({ decision: 'promoted', reason: 'better: rmse 2.5 vs production 3' });
    expect(judgeCandidate(regression(3.5), regression(3))).toEqual({ decision: 'rejected', reason: 'not better: rmse 3.5 vs production 3' });
    expect(judgeCandidate(regression(3), regression(3))).toMatchObject({ decision: 'rejected' });
    expect(judgeCandidate(multiclass(0.6), multiclass(0.7))).toMatchObject({ decision: 'promoted' });
    expect(judgeCandidate(multiclass(0.7), multiclass(0.6))).toMatchObject({ decision: 'rejected' });
    expect(judgeCandidate(multiclass(0.7), multiclass(0.7))).toMatchObject({ decision: 'rejected' });
  });

  it('skips the first-model gate once there is a production model', () => {
    // R² ≤ 0 would fail the first-model gate, but a lower RMSE than production's is promoted.
    expect(judgeCandidate(regression(2, -0.1), regression(3, -0.2))).toMatchObject({ decision: 'promoted' });
  });

  it('rejects a candidate whose task or primary metric differs from production as not comparable', () => {
    expect(judgeCandidate(binary(0.99), regression(3))).toEqual({
      decision: 'rejected',
      reason: 'not comparable: candidate is binary/roc_auc, production is regression/rmse',
    });
    const otherMetric = metrics('binary', { roc_auc: 0.7, log_loss: 0.4 }, { primary_metric: 'log_loss' });
    expect(judgeCandidate(binary(0.99), otherMetric)).toEqual({
      decision: 'rejected',
      reason: 'not comparable: candidate is binary/roc_auc, production is binary/log_loss',
    });
    const sameMetricOtherTask = metrics('multiclass', { roc_auc: 0.7 }, { primary_metric: 'roc_auc' });
    expect(judgeCandidate(binary(0.99), sameMetricOtherTask)).toMatchObject({ decision: 'rejected' });
  });
});

describe('judgeCandidate: a non-finite candidate score', () => {
  it('rejects NaN, infinite or absent primary scores, with or without production', () => {
    for (const score of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(judgeCandidate(binary(score))).toEqual({ decision: 'rejected', reason: 'candidate roc_auc is not finite' });
      expect(judgeCandidate(regression(score), regression(3))).toEqual({ decision: 'rejected', reason: 'candidate rmse is not finite' });
    }
    const absent = metrics('multiclass', { accuracy: 0.9 });
    expect(judgeCandidate(absent)).toEqual({ decision: 'rejected', reason: 'candidate log_loss is not finite' });
  });
});
