/**
 * Evaluation metrics, one function per file, each checked against scikit-learn
 * (`test/metrics.test.ts`). Inputs are `ArrayLike<number>`; bad input throws `InvalidInputError`.
 */
export { accuracy } from './accuracy.js';
export { averagePrecision } from './averagePrecision.js';
export { bestF1Threshold } from './bestF1Threshold.js';
export { brierScore } from './brierScore.js';
export { f1Score } from './f1Score.js';
export { LOG_LOSS_EPS, logLoss } from './logLoss.js';
export { meanAbsoluteError } from './meanAbsoluteError.js';
export { multiclassAccuracy } from './multiclassAccuracy.js';
export { multiclassLogLoss } from './multiclassLogLoss.js';
export { r2Score } from './r2Score.js';
export { rmse } from './rmse.js';
export { rocAuc } from './rocAuc.js';
