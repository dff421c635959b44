/**
 * The loop's settings on a short clock, shared by `npm run bench:heal` and the end-to-end test
 * (test/selfHealing.integration.test.ts): the stack's environment, the fast training options of
 * the bootstrap (a drift retrain reuses them) and the drift injected. Measures nothing.
 */
export const FAST_QUERY = '?candidates=gradient_boosting&cv_folds=2';
export const HEAL_STACK_ENV = {
  ALM_DRIFT_WINDOW_MINUTES: '2',
  ALM_DRIFT_MIN_ROWS: '1000', // bench:drift measured its false alarms on 1,000-row windows; fewer rows are noise against a 0.1 Wasserstein threshold
  ALM_QUALITY_MIN_ROWS: '500', // a ROC AUC on fewer labeled rows (about 9% positive) drops by 5% by chance
  ALM_GUARD_MIN_ROWS: '100',
  ALM_RETRAIN_WINDOW_MINUTES: '2', // retrain on what production looks like now: the drift window's labeled rows
  ALM_DRIFT_COOLDOWN_MINUTES: '1', // a retrain rejected on a half-drifted window is followed by the next one
};
/** HbA1c_level + 1 std, and labels that now also depend on bmi. */
export const DRIFT = { shift: 'HbA1c_level=1std', relabel: 'bmi>32' };
