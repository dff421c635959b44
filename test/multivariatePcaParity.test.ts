import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame, FrameColumn } from '../shared/automl/data/frame.js';
import { createRandom, type Random } from '../shared/automl/util/random.js';
import { fitMultivariateReference } from '../shared/automl/statistics/multivariate/fitMultivariateReference.js';
import { multivariateDrift } from '../shared/drift/multivariate/multivariateDrift.js';
import { rowReconstructionErrors } from '../shared/automl/statistics/multivariate/reconstructionError.js';
import { scaledMatrix } from '../shared/automl/statistics/multivariate/scaledMatrix.js';

/**
 * The fit against numpy (test/drift/pcaReference.py: the same imputation, count encoding and
 * scaling written in numpy, and PCA by `np.linalg.svd` of the centred scaled matrix with
 * scikit-learn's sign rule), on mixed data with missing cells, a tie for the most frequent
 * category, a binary column and, in the current rows, an unseen category.
 */
const ROOT = join(import.meta.dirname, '..');

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function mixed(n: number, seed: number, unseen: boolean): Frame {
  const random = createRandom(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const color: (string | null)[] = [];
  const flag: (string | null)[] = [];
  const tier: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const u = normal(random);
    const v = normal(random);
    a[i] = random() < 0.05 ? Number.NaN : 3 * u + 10;
    b[i] = 2 * u + 1.5 * v + 0.3 * normal(random);
    c[i] = random() < 0.05 ? Number.NaN : v - 0.5 * u + 0.8 * normal(random);
    const r = random();
    color.push(r < 0.05 ? null : unseen && r < 0.1 ? 'violet' : u > 0.5 ? 'red' : u < -0.5 ? 'blue' : i % 2 ? 'green' : 'grey');
    flag.push(v + 0.5 * normal(random) > 0.3 ? '1' : '0');
    tier.push(i % 3 === 0 ? null : i % 3 === 1 ? 'b' : 'a'); // 'a' and 'b' tie: the smallest imputes
  }
  const columns: FrameColumn[] = [
    { kind: 'numeric', values: a },
    { kind: 'numeric', values: b },
    { kind: 'numeric', values: c },
    { kind: 'categorical', values: color },
    { kind: 'categorical', values: flag },
    { kind: 'categorical', values: tier },
  ];
  return { nRows: n, columns };
}

const asJson = (frame: Frame) =>
  frame.columns.map((column) =>
    column.kind === 'numeric'
      ? { type: 'numeric', values: Array.from(column.values, (v) => (Number.isFinite(v) ? v : null)) }
      : { type: 'categorical', values: column.values },
  );

interface NumpyFit {
  impute: (number | string | null)[];
  frequencies: (Record<string, number> | null)[];
  mean: number[];
  scale: number[];
  pca_mean: number[];
  components: number[][];
  explained_variance: number[];
  ratio: number[];
  reference_errors: number[];
  current_errors: number[];
}

function numpyFit(reference: Frame, current: Frame, share: number): NumpyFit {
  const script = join(ROOT, 'test/drift/pcaReference.py');
  const input = JSON.stringify({ share, reference: asJson(reference), current: asJson(current) });
  const run = spawnSync('python3', [script], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`the PCA parity test needs python3 with numpy on PATH: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${script} failed (python3 with numpy is required, no skipping):\n${run.stderr}`);
  return JSON.parse(run.stdout) as NumpyFit;
}

const closeTo = (actual: readonly number[], expected: readonly number[], tolerance: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]))));
};

describe('the multivariate fit against numpy', () => {
  for (const share of [0.65, 0.9]) {
    it(`matches imputation, encoding, scaling, PCA (share ${share}) and every row's reconstruction error`, () => {
      const reference = mixed(400, 17, false);
      const current = mixed(120, 18, true);
      const ours = fitMultivariateReference(reference, { features: ['a', 'b', 'c', 'color', 'flag', 'tier'].map((name) => ({ name })), seed: 3, variance_share: share });
      const numpy = numpyFit(reference, current, share);
      expect(ours.columns[5]).toMatchObject({ type: 'categorical', impute: 'a' });

      ours.columns.forEach((column, j) => {
        if (column.type === 'numeric') expect(column.impute).toBeCloseTo(numpy.impute[j] as number, 12);
        else {
          expect(column.impute).toBe(numpy.impute[j]);
          expect(Object.keys(column.frequencies).sort()).toEqual(Object.keys(numpy.frequencies[j] ?? {}).sort());
          for (const [category, share] of Object.entries(column.frequencies)) expect(share).toBeCloseTo(numpy.frequencies[j]![category], 15);
        }
      });
      closeTo(ours.columns.map((c) => c.mean), numpy.mean, 1e-12);
      closeTo(ours.columns.map((c) => c.scale), numpy.scale, 1e-12);
      closeTo(ours.pca.mean, numpy.pca_mean, 1e-12);
      closeTo(ours.pca.explained_variance, numpy.explained_variance, 1e-10);
      closeTo(ours.pca.explained_variance_ratio, numpy.ratio, 1e-10);
      expect(ours.pca.components).toHaveLength(numpy.components.length);
      ours.pca.components.forEach((w, i) => closeTo(w, numpy.components[i], 1e-8));

      const referenceErrors = rowReconstructionErrors(scaledMatrix(ours.columns, reference), reference.nRows, ours.pca);
      closeTo(Array.from(referenceErrors), numpy.reference_errors, 1e-9);
      const currentErrors = rowReconstructionErrors(scaledMatrix(ours.columns, current), current.nRows, ours.pca);
      closeTo(Array.from(currentErrors), numpy.current_errors, 1e-9);
      const mean = numpy.current_errors.reduce((s, e) => s + e, 0) / numpy.current_errors.length;
      expect(multivariateDrift(ours, current).reconstruction_error).toBeCloseTo(mean, 9);
      expect(ours.errors.mean).toBeCloseTo(numpy.reference_errors.reduce((s, e) => s + e, 0) / reference.nRows, 9);
    });
  }
});
