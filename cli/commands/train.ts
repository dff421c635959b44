import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { artifactFiles } from '../../shared/automl/training/artifactFiles.js';
import { trainModel } from '../../shared/automl/training/trainModel.js';
import type { TrainingEvent } from '../../shared/automl/training/trainingEvents.js';
import { formatTable } from '../formatTable.js';
import { readTextFile } from '../readTextFile.js';
import { UsageError, parseCommand, integerOption, numberOption, listOption } from '../options.js';

export const TRAIN_USAGE =
  'alm train <csv> --out <dir> [--target col] [--seed n] [--candidates a,b] [--cv-folds k] [--test-fraction f] [--max-tree-rows n]';

/** `alm train`: trains on a CSV, writes the artifacts to --out, prints the leaderboard. */
export function trainCommand(args: string[]): void {
  const { positionals, values } = parseCommand(args, {
    out: { type: 'string' },
    target: { type: 'string' },
    seed: { type: 'string' },
    candidates: { type: 'string' },
    'cv-folds': { type: 'string' },
    'test-fraction': { type: 'string' },
    'max-tree-rows': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one CSV file: ${TRAIN_USAGE}`);
  const out = values.out;
  if (typeof out !== 'string') throw new UsageError(`--out <dir> is required: ${TRAIN_USAGE}`);
  const table = parseCsv(readTextFile(positionals[0]));
  const result = trainModel(
    table,
    {
      target: values.target as string | undefined,
      seed: integerOption(values, 'seed'),
      candidates: listOption(values, 'candidates') as never,
      cv_folds: integerOption(values, 'cv-folds'),
      test_fraction: numberOption(values, 'test-fraction'),
      max_tree_rows: integerOption(values, 'max-tree-rows'),
    },
    printProgress,
  );
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(artifactFiles(result))) writeFileSync(join(out, name), text);

  const rows = result.leaderboard.map((e, rank) => [
    rank + 1,
    e.candidate,
    round(e.cv_mean),
    round(e.cv_std),
    round(e.test),
    round(e.fit_seconds, 3),
    e.rows_used,
  ]);
  const metric = result.metrics.primary_metric;
  process.stdout.write(`${formatTable(['rank', 'candidate', `cv_${metric}`, 'cv_std', `test_${metric}`, 'fit_s', 'rows_used'], rows)}\n`);
  const threshold = result.metrics.threshold === undefined ? '' : `, threshold ${round(result.metrics.threshold)}`;
  process.stdout.write(
    `chosen: ${result.metrics.candidate} (${metric} on test ${round(result.metrics.test[metric])}${threshold}); ` +
      `artifacts in ${out}; ${round(result.info.duration_seconds, 1)} s\n`,
  );
}

function printProgress(event: TrainingEvent): void {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  switch (event.type) {
    case 'profiled': {
      const { target, features, dropped } = event.schema;
      say(`target '${target.name}' (chosen by ${target.rule}), task ${target.task}; ${features.length} features; ${event.trainRows} train / ${event.testRows} test rows; ${event.folds} validation fold(s)`);
      for (const d of dropped) say(`dropped '${d.name}': ${d.reason} (${d.detail})`);
      break;
    }
    case 'candidate_started':
      say(`${event.candidate}: training`);
      break;
    case 'fold_scored':
      say(`${event.candidate}: fold ${event.fold + 1} ${round(event.score)}`);
      break;
    case 'candidate_skipped':
      say(`${event.candidate}: skipped, ${event.reason}`);
      break;
    case 'candidate_finished':
      say(`${event.entry.candidate}: cv ${round(event.entry.cv_mean)} ± ${round(event.entry.cv_std)}, test ${round(event.entry.test)}, fit ${round(event.entry.fit_seconds, 3)} s`);
      break;
  }
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}
