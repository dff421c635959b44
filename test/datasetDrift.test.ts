import { describe, expect, it } from 'vitest';
import type { FrameColumn } from '../shared/automl/data/frame.js';
import { VALUE_COUNTS_MAX } from '../shared/automl/statistics/driftReference.js';
import { categoricalReference, numericReference } from '../shared/automl/statistics/referenceColumn.js';
import { createRandom } from '../shared/automl/util/random.js';
import { columnDrift } from '../shared/drift/check/columnDrift.js';
import { datasetDrift } from '../shared/drift/check/datasetDrift.js';
import { DriftResultSchema } from '../shared/drift/driftResult.js';
import { InvalidDriftOptionsError } from '../shared/drift/errors.js';
import { normalizedWasserstein } from '../shared/drift/normalizedWasserstein.js';

const random = createRandom(3);
const normals = (n: number, mean = 0, sd = 1) =>
  Float64Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
const numeric = (values: ArrayLike<number>): FrameColumn => ({ kind: 'numeric', values: Float64Array.from(values) });
const categorical = (values: (string | null)[]): FrameColumn => ({ kind: 'categorical', values });
const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);
const cycle = <T>(values: T[], n: number): T[] => Array.from({ length: n }, (_, i) => values[i % values.length]);

describe('the default test per column, as Evidently chooses it', () => {
  const cases: [string, string, ReturnType<typeof numericReference> | ReturnType<typeof categoricalReference>, FrameColumn][] = [
    ['small numeric, > 5 values', 'ks', numericReference(normals(500), 1), numeric(normals(300))],
    ['small numeric, 4 values', 'chisquare', numericReference(cycle([1, 2, 3, 4], 500), 1), numeric(cycle([1, 2, 3, 4], 300))],
    ['small numeric, 2 values', 'z', numericReference(cycle([0, 1], 500), 1), numeric(cycle([0, 1], 300))],
    ['small categorical, 3 values', 'chisquare', categoricalReference(cycle(['a', 'b', 'c'], 500)), categorical(cycle(['a', 'b', 'c'], 300))],
    ['small categorical, 2 values', 'z', categoricalReference(cycle(['a', 'b'], 500)), categorical(cycle(['a', 'b'], 300))],
    ['large numeric, > 5 values', 'wasserstein', numericReference(normals(5000), 1), numeric(normals(300))],
    ['large numeric, 4 values', 'jensenshannon', numericReference(cycle([1, 2, 3, 4], 5000), 1), numeric(cycle([1, 2, 3, 4], 300))],
    ['large categorical', 'jensenshannon', categoricalReference(cycle(['a', 'b', 'c'], 5000)), categorical(cycle(['a', 'b', 'c'], 300))],
  ];
  it.each(cases)('%s → %s, no drift on the same distribution', (_name, stattest, reference, current) => {
    const drift = columnDrift('x', reference, current, 100);
    expect(drift).toMatchObject({ stattest, status: 'checked', drift: false });
    expect(Number.isFinite(drift.statistic)).toBe(true);
  });

  it('n_unique counts reference and current together: 4 + 3 new values make a numeric column KS', () => {
    const drift = columnDrift('x', numericReference(cycle([1, 2, 3, 4], 500), 1), numeric(cycle([5, 6, 7], 300)), 100);
    expect(drift).toMatchObject({ stattest: 'ks', drift: true });
  });
});

describe('exact value counts of a few-valued numeric reference', () => {
  // A glucose-like column: 18 levels in steps of 10 (more than the 5 of the test choice), 20,000 rows.
  const levels = Array.from({ length: 18 }, (_, i) => 80 + 10 * i);
  const draw = (n: number) => Float64Array.from({ length: n }, () => levels[Math.min(17, Math.floor(18 * random() ** 1.5))]);
  const values = draw(20_000);

  it('are kept up to VALUE_COUNTS_MAX distinct values, and not past it', () => {
    const reference = numericReference(values, 1);
    expect(Object.keys(reference.value_counts ?? {}).length).toBe(18);
    expect(Object.values(reference.value_counts ?? {}).reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(reference.sample.length).toBe(5_000);
    expect(numericReference(Float64Array.from({ length: VALUE_COUNTS_MAX + 1 }, (_, i) => i), 1).value_counts).toBeNull();
  });

  it('Wasserstein compares the current values with the whole reference (weighted), not with its sample', () => {
    const reference = numericReference(values, 1);
    const current = draw(1_000);
    const drift = columnDrift('glucose', reference, numeric(current), 100);
    expect(drift.stattest).toBe('wasserstein');
    expect(drift.statistic).toBeCloseTo(normalizedWasserstein(values, current), 12);
    expect(drift.statistic).not.toBeCloseTo(normalizedWasserstein(reference.sample, current), 6);
    // A reference without counts (past the limit, or written before it) still uses its sample.
    const sampled = columnDrift('glucose', { ...reference, value_counts: null }, numeric(current), 100);
    expect(sampled.statistic).toBeCloseTo(normalizedWasserstein(reference.sample, current), 12);
  });
});

describe('failure modes', () => {
  it('a category absent from the reference is its own bin: finite statistic and drift, never inf or p = 0', () => {
    const reference = categoricalReference(cycle(['a', 'b', 'c'], 600));
    const current = categorical([...cycle(['a', 'b', 'c'], 200), ...repeat('new', 100)]);
    const small = columnDrift('x', reference, current, 100);
    expect(small).toMatchObject({ stattest: 'chisquare', drift: true });
    expect(Number.isFinite(small.statistic)).toBe(true);
    // One unseen row among 300 is a finite, modest statistic, not p = 0 (the replaced system's failure).
    const one = columnDrift('x', reference, categorical([...cycle(['a', 'b', 'c'], 299), 'new']), 100);
    expect(one).toMatchObject({ stattest: 'chisquare', drift: false });
    expect(one.statistic).toBeLessThan(2);
    expect(one.p_value).toBeGreaterThan(0.5);
    expect(small.histogram.bins).toEqual(['a', 'b', 'c', 'new']);
    expect(small.histogram.reference.at(-1)).toBe(0);
    const large = columnDrift('x', categoricalReference(cycle(['a', 'b', 'c'], 6000)), current, 100);
    expect(large).toMatchObject({ stattest: 'jensenshannon', drift: true });
    expect(large.statistic).toBeLessThanOrEqual(Math.sqrt(Math.LN2));
  });

  it('a constant column gives no NaN; a constant that changes value is drift', () => {
    for (const rows of [500, 5000]) {
      const same = columnDrift('x', numericReference(repeat(7, rows), 1), numeric(repeat(7, 300)), 100);
      expect(same).toMatchObject({ drift: false });
      expect(same.statistic).toBe(0);
      const moved = columnDrift('x', numericReference(repeat(7, rows), 1), numeric(repeat(8, 300)), 100);
      expect(moved.drift).toBe(true);
      expect(Number.isFinite(moved.statistic)).toBe(true);
    }
    const wide = columnDrift('x', numericReference(repeat(7, 5000), 1), numeric(normals(300, 7, 2)), 100, { stattest: 'wasserstein' });
    expect(Number.isFinite(wide.statistic)).toBe(true); // the reference std is floored at 0.001
  });

  it('unequal missing rates do not break the test; the missing share is reported and drifts', () => {
    const reference = numericReference(normals(5000), 1);
    const values = normals(1000);
    for (let i = 0; i < 400; i++) values[i] = Number.NaN;
    values[500] = Number.POSITIVE_INFINITY;
    const drift = columnDrift('x', reference, numeric(values), 100);
    expect(drift.stattest).toBe('wasserstein');
    expect(drift.statistic).toBeLessThan(0.1);
    expect(drift.missing_share).toEqual({ reference: 0, current: 0.401, drift: true });
    expect(drift.drift).toBe(true);
    const slight = numeric(normals(1000).map((v, i) => (i < 10 ? Number.NaN : v)));
    expect(columnDrift('x', reference, slight, 100)).toMatchObject({ drift: false, missing_share: { drift: false } });
  });

  it('a window below the minimum size is insufficient_data, not drift', () => {
    const drift = columnDrift('x', numericReference(normals(5000), 1), numeric(normals(50, 10)), 100);
    expect(drift).toMatchObject({ status: 'insufficient_data', drift: false, statistic: null, p_value: null });
  });

  it('a column all missing in a large enough window is judged on its missing share alone', () => {
    const drift = columnDrift('x', numericReference(normals(5000), 1), numeric(repeat(Number.NaN, 300)), 100);
    expect(drift).toMatchObject({ status: 'checked', stattest: 'missing_share', drift: true, missing_share: { current: 1 } });
  });
});

describe('datasetDrift', () => {
  const reference = {
    columns: {
      a: numericReference(normals(5000), 1),
      b: numericReference(normals(5000), 2),
      c: categoricalReference(cycle(['x', 'y'], 5000)),
    },
    prediction: numericReference(Float64Array.from({ length: 5000 }, () => random()), 4),
  };
  const current = (shift: number) => ({
    columns: { a: numeric(normals(1000, shift)), b: numeric(normals(1000, shift)), c: categorical(cycle(['x', 'y'], 1000)) },
    prediction: numeric(Float64Array.from({ length: 1000 }, () => random())),
  });

  it('is dataset drift when at least half of the columns drift; the prediction is judged apart', () => {
    const calm = datasetDrift({ reference, current: current(0) });
    expect(DriftResultSchema.parse(calm)).toEqual(calm);
    expect(calm).toMatchObject({ dataset_drift: false, number_of_columns: 3, number_of_drifted_columns: 0, prediction_drift: { drift: false } });
    const shifted = datasetDrift({ reference, current: current(1) });
    expect(shifted).toMatchObject({ dataset_drift: true, number_of_drifted_columns: 2, drift_share: 2 / 3 });
    expect(datasetDrift({ reference, current: current(1) }, { drift_share: 0.9 }).dataset_drift).toBe(false);
  });

  it('takes a test and threshold per column, and a global test for the columns it fits', () => {
    const result = datasetDrift({ reference, current: current(0) }, { stattest: 'ks', columns: { b: { stattest: 'psi', threshold: 0.5 } } });
    expect([result.columns.a.stattest, result.columns.b.stattest, result.columns.c.stattest]).toEqual(['ks', 'psi', 'jensenshannon']);
    expect(result.columns.b.threshold).toBe(0.5);
    expect(result.columns.a.p_value).toBeGreaterThan(0.05);
  });

  it('refuses an override that does not fit, names no column, or a current side without a column', () => {
    expect(() => datasetDrift({ reference, current: current(0) }, { columns: { c: { stattest: 'ks' } } })).toThrow(InvalidDriftOptionsError);
    expect(() => datasetDrift({ reference, current: current(0) }, { columns: { nope: { threshold: 1 } } })).toThrow(/no such column/);
    const { a: _dropped, ...rest } = current(0).columns;
    expect(() => datasetDrift({ reference, current: { columns: rest } })).toThrow(/'a' is missing/);
  });
});
