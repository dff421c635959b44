/**
 * The expected confusion matrix of a window from calibrated probabilities, as NannyML's CBPE
 * estimators sum it (`estimate_f1`, `estimate_precision`, …): a row predicted positive adds its
 * calibrated probability p to TP and 1 − p to FP; a row predicted negative adds p to FN and
 * 1 − p to TN.
 */
export interface ExpectedConfusion {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly rows: number;
}

export function expectedConfusion(predicted: ArrayLike<number>, probabilities: ArrayLike<number>): ExpectedConfusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (predicted[i] === 1) {
      tp += p;
      fp += 1 - p;
    } else {
      fn += p;
      tn += 1 - p;
    }
  }
  return { tp, fp, fn, tn, rows: probabilities.length };
}
