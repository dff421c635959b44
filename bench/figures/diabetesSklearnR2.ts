/**
 * Figure 2: `data/diabetes_sklearn.csv` (target `target`) on the 5 KFold folds of
 * `data/diabetes_sklearn_split_indices.json`: mean R² over the folds of the `linear` candidate's
 * OLS and Ridge parameter sets, each fitted once per fold (target ≥ 0.478). Peers from
 * reference.json (scikit-learn LinearRegression, Ridge + StandardScaler, same folds).
 */
import { join } from 'node:path';
import { linearCandidate } from '../../shared/automl/candidates/linear/index.js';
import { frameFromTable } from '../../shared/automl/data/frame.js';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { PreparedSplit } from '../../shared/automl/evaluation/preparedSplit.js';
import type { Split } from '../../shared/automl/evaluation/splits.js';
import { r2Score } from '../../shared/automl/metrics/index.js';
import { profileDataset } from '../../shared/automl/profile/profileDataset.js';
import { atLeast, fmtScore, type FigureRows } from '../report.js';
import { FailureLog, progress, type BenchContext } from '../support/context.js';
import { readText } from '../support/mainDataset.js';
import { refPeer } from '../support/peers.js';

function indexList(value: unknown, what: string): Int32Array {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw new Error(`${what} is not a list of row indices`);
  return Int32Array.from(value as number[]);
}

/**
 * The folds of the split-indices JSON: `kfold` (or `folds`), a list of `{train, test}` of 0-based
 * data rows; a fold without `train` trains on every row not in its `test`.
 */
function readFolds(path: string, nRows: number): Split[] {
  const json = JSON.parse(readText(path)) as { kfold?: unknown; folds?: unknown };
  const folds = json.kfold ?? json.folds;
  if (!Array.isArray(folds) || folds.length === 0) throw new Error(`${path} has no 'kfold' list of folds`);
  return folds.map((fold: { train?: unknown; test?: unknown }, k) => {
    const test = indexList(fold.test, `fold ${k + 1} test`);
    if (fold.train !== undefined) return { train: indexList(fold.train, `fold ${k + 1} train`), test };
    const inTest = new Set(test);
    return { train: Int32Array.from({ length: nRows }, (_, i) => i).filter((i) => !inTest.has(i)), test };
  });
}

/** Mean R² over the folds for each regression parameter set of `linear`, by kind. */
function linearFoldR2(root: string, seed: number): Map<string, number> {
  const table = parseCsv(readText(join(root, 'data/diabetes_sklearn.csv')));
  const { schema, y } = profileDataset(table, { target: 'target' });
  const frame = frameFromTable(table, schema.features);
  const folds = readFolds(join(root, 'data/diabetes_sklearn_split_indices.json'), table.nRows).map(
    (split) => new PreparedSplit(frame, y, schema.features, split),
  );
  const means = new Map<string, number>();
  for (const params of linearCandidate.paramSets('regression')) {
    const scores = folds.map((fold) => {
      const model = linearCandidate.fit({ X: fold.train('dense'), y: fold.yTrain, task: 'regression', nClasses: 0 }, params, { seed });
      return r2Score(fold.yTest, model.predict(fold.test('dense')));
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    progress(`diabetes_sklearn ${params.kind}: R² per fold ${scores.map((s) => s.toFixed(4)).join(', ')}; mean ${mean.toFixed(4)}`);
    means.set(params.kind, mean);
  }
  return means;
}

export function diabetesSklearnR2({ root, seed, reference }: BenchContext): FigureRows {
  const log = new FailureLog();
  const r2 = log.attempt('diabetes_sklearn folds', () => linearFoldR2(root, seed));
  const peer = (model: string) => refPeer(reference, 'diabetes_sklearn', 'models', model, 'cv5', 'r2', 'mean');
  const rows = [
    {
      label: '2 diabetes_sklearn, mean R² of 5 folds, OLS vs LinearRegression',
      ours: r2?.get('ols'),
      peer: peer('LinearRegression'),
      format: fmtScore,
      target: atLeast(0.478),
    },
    {
      label: '2   Ridge(α=1) vs Ridge + StandardScaler',
      ours: r2?.get('ridge'),
      peer: peer('Ridge(alpha=1.0)+StandardScaler'),
      format: fmtScore,
      target: atLeast(0.478),
    },
  ];
  return { rows, failures: log.failures };
}
