import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../shared/automl/util/random.js';
import { syntheticBinaryCsv, syntheticMulticlassCsv } from './support/datasets.js';
import { runCli, tempDir, writeTemp } from './support/runCli.js';

const SIX_FIELDS = ['type', 'stattest', 'statistic', 'p_value', 'threshold', 'drift'];
const COLUMN_FIELDS = [...SIX_FIELDS, 'status', 'missing_share'];

interface Row {
  x: number;
  shift: number;
  color: string;
  flag: number;
  label: string;
}

/** A seeded table: x and shift uniform on [0, 10), a 3-level color, a constant flag, a yes/no label. */
function referenceRows(n: number, seed = 3): Row[] {
  const random = createRandom(seed);
  const colors = ['red', 'green', 'blue'];
  return Array.from({ length: n }, () => ({
    x: Number((random() * 10).toFixed(4)),
    shift: Number((random() * 10).toFixed(4)),
    color: colors[Math.floor(random() * 3)],
    flag: 5,
    label: random() < 0.4 ? 'yes' : 'no',
  }));
}

function toCsv(rows: readonly Row[]): string {
  return `x,shift,color,flag,label\n${rows.map((r) => `${r.x},${r.shift},${r.color},${r.flag},${r.label}`).join('\n')}\n`;
}

/** The same rows, with `shift` moved by +3, every third color 'purple' (a category the reference never saw) and the constant flag 5 → 7. */
function driftedRows(rows: readonly Row[]): Row[] {
  return rows.map((r, i) => ({ ...r, shift: Number((r.shift + 3).toFixed(4)), color: i % 3 === 0 ? 'purple' : r.color, flag: 7 }));
}

/** `alm drift … --json`: exit 0 and exactly one JSON object on stdout. */
function runJson(args: string[]) {
  const run = runCli(['drift', ...args, '--json']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout);
}

/** A bad-input run: exit code 2 and exactly one line on stderr that matches, no stack trace. */
function expectOneLineError(args: string[], message: RegExp): void {
  const run = runCli(['drift', ...args]);
  const lines = run.stderr.trimEnd().split('\n');
  expect(run.code, run.stderr).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^alm: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const rows = referenceRows(500);
const reference = writeTemp('reference.csv', toCsv(rows));
const same = writeTemp('same.csv', toCsv(rows));
const drifted = writeTemp('drifted.csv', toCsv(driftedRows(rows)));

describe('alm drift without a model', () => {
  it('identical CSVs: no drift anywhere, and only the documented fields', () => {
    const json = runJson([reference, same]);
    expect(Object.keys(json)).toEqual(['dataset_drift', 'drift_share', 'number_of_columns', 'number_of_drifted_columns', 'columns']);
    expect(json).toMatchObject({ dataset_drift: false, drift_share: 0, number_of_columns: 5, number_of_drifted_columns: 0 });
    expect(Object.keys(json.columns)).toEqual(['x', 'shift', 'color', 'flag', 'label']);
    for (const column of Object.values<Record<string, unknown>>(json.columns)) {
      expect(Object.keys(column)).toEqual(COLUMN_FIELDS);
      expect(column).toMatchObject({ drift: false, status: 'checked', missing_share: { reference: 0, current: 0, drift: false } });
    }
    expect(json.columns.x).toMatchObject({ type: 'numeric', stattest: 'ks', statistic: 0, p_value: 1, threshold: 0.05 });
    expect(json.columns.color).toMatchObject({ type: 'categorical', stattest: 'chisquare', statistic: 0 });
    expect(json.columns.label).toMatchObject({ type: 'categorical', stattest: 'z' });
  });

  it('a shifted column, an unseen category and a constant that changes all drift; the others do not', () => {
    const json = runJson([reference, drifted]);
    expect(json).toMatchObject({ dataset_drift: true, drift_share: 0.6, number_of_columns: 5, number_of_drifted_columns: 3 });
    const { x, shift, color, flag, label } = json.columns;
    expect(x).toMatchObject({ stattest: 'ks', statistic: 0, drift: false });
    expect(shift).toMatchObject({ type: 'numeric', stattest: 'ks', drift: true });
    expect(shift.p_value).toBeLessThan(1e-6);
    expect(color).toMatchObject({ type: 'categorical', stattest: 'chisquare', drift: true });
    expect(Number.isFinite(color.statistic)).toBe(true);
    expect(color.statistic).toBeGreaterThan(0);
    expect(flag).toMatchObject({ type: 'numeric', stattest: 'z', drift: true });
    expect(flag.p_value).toBeLessThan(1e-6);
    expect(label.drift).toBe(false);
  });

  it('--stattest and --threshold apply to every column the test fits; the others keep their default test and threshold', () => {
    const psi = runJson([reference, drifted, '--stattest', 'psi', '--threshold', '0.2']);
    for (const column of Object.values<{ stattest: string; threshold: number; p_value: unknown }>(psi.columns)) {
      expect(column).toMatchObject({ stattest: 'psi', threshold: 0.2, p_value: null });
    }
    const ks = runJson([reference, drifted, '--stattest', 'ks', '--threshold', '0.01']);
    const { x, flag, color, label } = ks.columns;
    expect([x, flag, color, label].map((c) => [c.stattest, c.threshold])).toEqual([
      ['ks', 0.01],
      ['ks', 0.01],
      ['chisquare', 0.05],
      ['z', 0.05],
    ]);
  });

  it('a column with fewer current rows than the minimum is insufficient_data, never drift', () => {
    const json = runJson([reference, writeTemp('small.csv', toCsv(driftedRows(rows).slice(0, 50)))]);
    expect(json.columns.shift).toMatchObject({ status: 'insufficient_data', statistic: null, p_value: null, drift: false });
    expect(json.dataset_drift).toBe(false);
  });
});

describe('alm drift with a model', () => {
  const binaryDir = tempDir();
  const multiclassDir = tempDir();
  const trainCsv = writeTemp('train.csv', syntheticBinaryCsv(400));
  // The training rows with x1 moved up by 5: that feature and the predicted probability drift, x2 and color do not.
  const shifted = syntheticBinaryCsv(400)
    .trim()
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.split(',').map((cell, c) => (c === 1 ? (Number(cell) + 5).toFixed(4) : cell)).join(',')))
    .join('\n');
  const current = writeTemp('current.csv', `${shifted}\n`);

  beforeAll(() => {
    const fast = ['--candidates', 'linear', '--cv-folds', '0'];
    for (const [csv, dir] of [
      [trainCsv, binaryDir],
      [writeTemp('m.csv', syntheticMulticlassCsv(300)), multiclassDir],
    ]) {
      const run = runCli(['train', csv, '--out', dir, ...fast]);
      expect(run.code, run.stderr).toBe(0);
    }
  });

  it('checks the model features, adds prediction_drift and the decision; --html also writes a self-contained report', () => {
    const out = join(tempDir(), 'report.html');
    const json = runJson([trainCsv, current, '--model', binaryDir, '--html', out]);
    expect(Object.keys(json)).toEqual(['dataset_drift', 'drift_share', 'number_of_columns', 'number_of_drifted_columns', 'columns', 'prediction_drift', 'multivariate_drift', 'estimated_performance', 'decision']);
    // Multivariate drift fitted on the reference CSV's features; CBPE from the model's calibration.json.
    expect(Object.keys(json.multivariate_drift)).toEqual(['reconstruction_error', 'threshold', 'drift']);
    expect(json.multivariate_drift.reconstruction_error).toBeGreaterThanOrEqual(0);
    expect(Object.keys(json.multivariate_drift.threshold)).toEqual(['lower', 'upper']);
    expect(Object.keys(json.estimated_performance)).toEqual(['roc_auc', 'f1', 'precision', 'recall', 'accuracy']);
    for (const value of Object.values<number>(json.estimated_performance)) expect(value).toBeGreaterThanOrEqual(0);
    expect(json.estimated_performance.roc_auc).toBeLessThanOrEqual(1);
    expect(Object.keys(json.columns)).toEqual(['x1', 'x2', 'color']);
    expect(json.columns.x1.drift).toBe(true);
    expect(json.columns.x2.drift).toBe(false);
    expect(Object.keys(json.prediction_drift)).toEqual(COLUMN_FIELDS);
    expect(json.prediction_drift).toMatchObject({ type: 'numeric', status: 'checked', drift: true });
    expect(Object.keys(json.decision)).toEqual(['action', 'reasons']);
    expect(json.decision.action).toBe('retrain');
    expect(json.decision.reasons.join('\n')).toMatch(/feature 'x1' drifted/);
    expect(json.decision.reasons.join('\n')).toMatch(/prediction drift/);

    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>Drift: current.csv</title>');
    for (const column of ['x1', 'x2', 'color']) expect(html).toContain(`<section class="column" data-column="${column}">`);
    expect(html).toContain('<section class="prediction">');
    expect(html).toContain('<strong class="decision">retrain</strong>');
    expect(html).not.toMatch(/<script|<link|\ssrc=|@import|url\(/i);
  });

  it('prints a table, the summary line, the prediction drift and the decision by default', () => {
    const run = runCli(['drift', trainCsv, current, '--model', binaryDir]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^column\s+type\s+test\s+statistic\s+p-value\s+threshold\s+drift\s*$/);
    expect(lines[2]).toMatch(/^x1\s+numeric\s+ks\s+\S+\s+\S+\s+0\.05\s+drift\s*$/);
    expect(lines[3]).toMatch(/^x2\s+numeric\s+ks\s.*\sno drift\s*$/);
    expect(lines[5]).toBe('dataset drift: no (1 of 3 columns, share 0.3333)');
    expect(lines[6]).toMatch(/^prediction drift: drift \(numeric, ks: statistic \S+, p-value \S+, threshold 0\.05\)$/);
    expect(lines[7]).toMatch(/^multivariate drift: (yes|no) \(reconstruction error \S+, band \(\S+, \S+\)\)$/);
    expect(lines[8]).toMatch(/^estimated performance \(CBPE, no labels\): roc_auc \S+.*, f1 \S+.*, precision .*, recall .*, accuracy /);
    expect(lines[9]).toBe('decision: retrain');
    expect(lines[10]).toMatch(/^ {2}- top-3 feature 'x1' drifted/);
  });

  it('a multiclass model: the prediction is the predicted class, categorical', () => {
    const csv = writeTemp('m2.csv', syntheticMulticlassCsv(300, 12));
    const json = runJson([csv, csv, '--model', multiclassDir]);
    expect(json.prediction_drift.type).toBe('categorical');
    expect(['keep', 'retrain', 'insufficient_data']).toContain(json.decision.action);
  });

  it('a bad drift_reference.json is exit 2 naming the file', () => {
    const dir = tempDir();
    cpSync(binaryDir, dir, { recursive: true });
    writeFileSync(join(dir, 'drift_reference.json'), '{"format":"alm-drift-reference","format_version":2}');
    expectOneLineError([trainCsv, current, '--model', dir], /drift_reference\.json does not match its schema: /);
  });
});

describe('alm drift: bad input is exit 2 with one line', () => {
  it.each([
    [['--stattest', 'foo'], /--stattest must be one of ks, chisquare, z, wasserstein, jensenshannon, psi; got 'foo'/],
    [['--threshold=-1'], /--threshold must be a finite number ≥ 0; got '-1'/],
  ])('%j', (extra, message) => {
    expectOneLineError([reference, same, ...extra], message);
  });

  it('a missing file, a current CSV without a reference column', () => {
    expectOneLineError([reference, '/no/such/current.csv'], /cannot read '\/no\/such\/current\.csv': no such file/);
    const noColor = writeTemp('nocolor.csv', 'x,shift,flag,label\n1,2,5,yes\n');
    expectOneLineError([reference, noColor], /nocolor\.csv has no column 'color' \(a column of the reference\)/);
  });
});
