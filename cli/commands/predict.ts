import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv } from '../../shared/automl/data/formatCsv.js';
import { parseCsv } from '../../shared/automl/data/parseCsv.js';
import { parseModel } from '../../shared/automl/pipeline/modelArtifact.js';
import { createPredictor } from '../../shared/automl/pipeline/predictor.js';
import { readTextFile } from '../readTextFile.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { parseCommand } from '../options.js';

export const PREDICT_USAGE = 'alm predict <model-dir> <csv> [--out file]';

/**
 * `alm predict`: one output row per input row, in order: `prediction` (class label or value),
 * plus `probability` (positive class) for binary or `probability_<class>` for multiclass.
 * The input may lack the target column; extra columns are ignored.
 */
export function predictCommand(args: string[]): void {
  const { positionals, values } = parseCommand(args, { out: { type: 'string' } });
  if (positionals.length !== 2) throw new UsageError(`expected a model directory and a CSV file: ${PREDICT_USAGE}`);
  const predictor = createPredictor(parseModel(readTextFile(join(positionals[0], 'model.json'))));
  const predictions = predictor.predictTable(parseCsv(readTextFile(positionals[1])));
  const labels = predictor.labels(predictions);
  const { task, classes = [] } = predictor.pipeline.target;
  const { outputs, values: scores } = predictions;

  const header = ['prediction'];
  if (task === 'binary') header.push('probability');
  if (task === 'multiclass') header.push(...classes.map((c) => `probability_${c}`));
  const rows = labels.map((label, r) => (task === 'regression' ? [label] : [label, ...scores.subarray(r * outputs, (r + 1) * outputs)]));
  const csv = formatCsv(header, rows);
  if (typeof values.out === 'string') writeFileSync(values.out, csv);
  else process.stdout.write(csv);
}
