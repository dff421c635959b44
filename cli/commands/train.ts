import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { artifactFiles } from '../../shared/automl/training/artifactFiles.js';
import { describeTrainingEvent } from '../../shared/automl/training/describeTrainingEvent.js';
import { parseTrainOptionsText } from '../../shared/automl/training/prepareDataset.js';
import { trainModel } from '../../shared/automl/training/trainModel.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { libraryVersions } from '../../shared/platform/libraryVersions.js';
import { systemClock } from '../../shared/platform/systemClock.js';
import { formatTable } from '../formatTable.js';
import { parseCommand } from '../options.js';
import { readTextFile } from '../readTextFile.js';

export const TRAIN_USAGE =
  'alm train <csv> --out <dir> [--target col] [--seed n] [--candidates a,b] [--cv-folds k] [--test-fraction f] [--max-tree-rows n] ' +
  "[--no-refit] [--time-budget s] [--params '{\"candidate\": {...}}'] [--positive-class c] [--min-class-rows n]";

/** The training flags, each named as its option with `-` for `_` (`--cv-folds` → `cv_folds`). */
export const OPTION_FLAGS = [
  'target', 'seed', 'candidates', 'cv-folds', 'test-fraction', 'max-tree-rows', 'time-budget', 'params', 'positive-class', 'min-class-rows',
] as const;

/** `alm train`: trains on a CSV, writes the artifacts to --out, prints the leaderboard. */
export function trainCommand(args: string[]): void {
  const flags = Object.fromEntries(OPTION_FLAGS.map((flag) => [flag, { type: 'string' as const }]));
  const { positionals, values } = parseCommand(args, { out: { type: 'string' }, 'no-refit': { type: 'boolean' }, ...flags });
  if (positionals.length !== 1) throw new UsageError(`expected one CSV file: ${TRAIN_USAGE}`);
  const out = values.out;
  if (typeof out !== 'string') throw new UsageError(`--out <dir> is required: ${TRAIN_USAGE}`);
  const options = parseTrainOptionsText({
    ...Object.fromEntries(OPTION_FLAGS.map((flag) => [flag.replaceAll('-', '_'), values[flag] as string | undefined])),
    refit: values['no-refit'] === true ? 'false' : undefined,
  });
  const table = parseCsv(readTextFile(positionals[0]));
  const onEvent = (event: Parameters<typeof describeTrainingEvent>[0]) => {
    for (const line of describeTrainingEvent(event)) process.stderr.write(`${line}\n`);
  };
  const result = trainModel(table, options, { clock: systemClock, libraryVersions: libraryVersions(), onEvent });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(artifactFiles(result))) writeFileSync(join(out, name), text);

  const rows: (string | number)[][] = result.leaderboard.map((e, rank) => [
    rank + 1,
    e.candidate,
    round(e.cv_mean),
    round(e.cv_std),
    round(e.test),
    round(e.fit_seconds, 3),
    e.rows_used,
  ]);
  for (const s of result.skipped) rows.push(['-', s.candidate, `skipped: ${s.skipped}`, '', '', '', '']);
  const metric = result.metrics.primary_metric;
  process.stdout.write(`${formatTable(['rank', 'candidate', `cv_${metric}`, 'cv_std', `test_${metric}`, 'fit_s', 'rows_used'], rows)}\n`);
  const threshold = result.metrics.threshold === undefined ? '' : `, threshold ${round(result.metrics.threshold)}`;
  process.stdout.write(
    `chosen: ${result.metrics.candidate} (${metric} on test ${round(result.metrics.test[metric])}${threshold}); ` +
      `${result.metrics.shipped_model?.fit_on === 'train_split' ? 'shipped the train-split model' : 'shipped refitted on all labeled rows'}; ` +
      `artifacts in ${out}; ${round(result.info.duration_seconds, 1)} s\n`,
  );
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}
