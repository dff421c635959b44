import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticBinaryCsv, syntheticMulticlassCsv } from './support/datasets.js';
import { runCli, tempDir, writeTemp } from './support/runCli.js';

/** A bad-input run: exit code 2 and exactly one line on stderr that matches, no stack trace. */
function expectOneLineError(args: string[], message: RegExp): void {
  const run = runCli(args);
  const lines = run.stderr.trimEnd().split('\n');
  expect(run.code, run.stderr).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^alm: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('alm train: bad CSVs get one clear line and exit code 2', () => {
  const out = () => tempDir();
  it.each([
    ['empty file', '', /the CSV is empty/],
    ['header with no rows', 'a,b,label\n', /header but no data rows/],
    ['ragged rows', 'a,b,label\n1,2,0\n3,4\n', /row 2 \(line 3\) has 2 field\(s\) but the header has 3 columns/],
    ['duplicate column names', 'a,a,label\n1,2,0\n3,4,1\n', /duplicate column name 'a' \(columns 1 and 2\)/],
    ['entirely empty target', 'a,b,label\n1,2,\n3,4,\n', /target column 'label' is entirely empty/],
    ['single-class target', 'a,b,label\n1,2,1\n3,4,1\n2,2,1\n', /target column 'label' has a single class \('1'\)/],
    [
      'too few rows to cross-validate',
      'a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,1,0\n2,3,1\n',
      /too few rows to cross-validate: class '0' has 3 row\(s\); 5-fold cross-validation plus a 20% test split needs at least 6/,
    ],
  ])('%s', (_case, csv, message) => {
    expectOneLineError(['train', writeTemp('bad.csv', csv), '--out', out()], message);
  });

  it('a target column that is missing', () => {
    expectOneLineError(
      ['train', writeTemp('d.csv', syntheticBinaryCsv(50)), '--out', out(), '--target', 'nope'],
      /target column 'nope' is missing: the columns are id, x1, x2, color, constant, label/,
    );
  });

  it.each([
    [['train', '/no/such/file.csv', '--out', '/tmp/x'], /cannot read '\/no\/such\/file.csv': no such file/],
    [['train', 'x.csv'], /--out <dir> is required/],
    [['train', 'x.csv', '--out', 'o', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('usage errors: %j', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--cv-folds', '1'], /cv_folds must be 0 \(holdout only\) or between 2 and 20/],
    [['--candidates', 'linear,svm'], /invalid training options: candidates\.1: /],
    [['--seed', 'abc'], /invalid training options: seed: expected a number/],
    [['--seed', '3', '--test-fraction', '2'], /invalid training options: test_fraction: /],
    [['--params', '{"gradient_boosting": {"maxLeafs": 31}}'], /invalid --params for gradient_boosting: .*maxLeafs/],
    [['--params', '{oops'], /invalid training options: params: not JSON/],
    [['--time-budget', '0'], /invalid training options: time_budget: /],
    [['--positive-class', 'maybe'], /positive_class 'maybe' is not a class of 'label'/],
    [['--min-class-rows', 'x'], /invalid training options: min_class_rows: expected a number/],
  ])('bad options %j', (extra, message) => {
    expectOneLineError(['train', writeTemp('d.csv', syntheticBinaryCsv(60)), '--out', out(), ...extra], message);
  });
});

describe('alm train and alm predict', () => {
  it('trains a binary model, prints the leaderboard and writes every artifact', () => {
    const dir = tempDir();
    const csv = writeTemp('train.csv', syntheticBinaryCsv(400));
    const run = runCli(['train', csv, '--out', dir, '--candidates', 'linear,gradient_boosting,decision_tree', '--cv-folds', '3']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/target 'label' \(chosen by name\), task binary/);
    expect(run.stderr).toMatch(/dropped 'id': id_like/);
    expect(run.stderr).toMatch(/linear: fold 3 /);
    expect(run.stdout).toMatch(/rank\s+candidate\s+cv_roc_auc\s+cv_std\s+test_roc_auc\s+fit_s\s+rows_used/);
    expect(run.stdout).toMatch(/chosen: (linear|gradient_boosting|decision_tree|weighted_ensemble) \(roc_auc on test 0\.\d+, threshold/);
    for (const file of ['schema.json', 'feature_statistics.json', 'metrics.json', 'leaderboard.json', 'model.json', 'training_info.json']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const leaderboard = JSON.parse(readFileSync(join(dir, 'leaderboard.json'), 'utf8'));
    expect(leaderboard.map((e: { candidate: string }) => e.candidate).sort()).toEqual(['decision_tree', 'gradient_boosting', 'linear', 'weighted_ensemble']);
    expect(run.stdout).toMatch(/shipped refitted on all labeled rows/);
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).shipped_model).toMatchObject({ fit_on: 'all_labeled_rows', rows: 400 });

    // Prediction input without the target column, with an unseen category and a missing value.
    const input = writeTemp('new.csv', 'x1,x2,color\n9.5,1.0,red\n0.5,,purple\n');
    const predicted = runCli(['predict', dir, input]);
    expect(predicted.code, predicted.stderr).toBe(0);
    const [header, first, second] = predicted.stdout.trim().split('\n');
    expect(header).toBe('prediction,probability');
    expect(first).toMatch(/^yes,0\.\d+/);
    expect(second).toMatch(/^no,0\.\d+/);
  });

  it('--no-refit ships the train-split model; --params and --positive-class reach the run', () => {
    const dir = tempDir();
    const csv = writeTemp('train.csv', syntheticBinaryCsv(300));
    const params = '{"gradient_boosting": {"maxIterations": 20, "earlyStopping": false}}';
    const run = runCli(['train', csv, '--out', dir, '--candidates', 'gradient_boosting', '--cv-folds', '2', '--no-refit', '--params', params, '--positive-class', 'no']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/shipped the train-split model/);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.shipped_model).toMatchObject({ fit_on: 'train_split', rows: 240, params: { maxIterations: 20, earlyStopping: false } });
    expect(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')).target.positive_class).toBe('no');
  });

  it('writes probability_<class> columns for multiclass, to --out', () => {
    const dir = tempDir();
    const trained = runCli(['train', writeTemp('m.csv', syntheticMulticlassCsv(300)), '--out', dir, '--candidates', 'linear', '--cv-folds', '0']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/cv_log_loss/);
    const out = join(tempDir(), 'p.csv');
    const run = runCli(['predict', dir, writeTemp('in.csv', 'x1,x2\n1,0.5\n8,0.5\n'), '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('prediction,probability_a,probability_b,probability_c');
    expect(lines[1]).toMatch(/^a,/);
    expect(lines[2]).toMatch(/^c,/);
  });

  it('refuses a tampered model.json with exit code 2', () => {
    const dir = tempDir();
    expect(runCli(['train', writeTemp('d.csv', syntheticBinaryCsv(200)), '--out', dir, '--candidates', 'linear']).code).toBe(0);
    const path = join(dir, 'model.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"threshold":', '"threshold":1'));
    expectOneLineError(['predict', dir, writeTemp('in.csv', 'x1,x2,color\n1,1,red\n')], /checksum mismatch/);
  });

  it('names the row and column of a non-numeric value at prediction time', () => {
    const dir = tempDir();
    expect(runCli(['train', writeTemp('d.csv', syntheticBinaryCsv(200)), '--out', dir, '--candidates', 'linear']).code).toBe(0);
    expectOneLineError(['predict', dir, writeTemp('in.csv', 'x1,x2,color\n1,1,red\nabc,1,red\n')], /row 2, column 'x1': 'abc' is not a number/);
  });
});
