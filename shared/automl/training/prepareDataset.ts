import { frameFromTable, takeFrameRows, type Frame } from '../data/frame.js';
import type { Table } from '../data/table.js';
import { InvalidOptionsError } from '../errors.js';
import { candidateByName } from '../candidates/catalog.js';
import { checkEnoughRows, trainTestSplit, type Split } from '../evaluation/splits.js';
import { takeValues } from '../matrix.js';
import { profileDataset } from '../profile/profileDataset.js';
import type { DatasetSchema } from '../schema/datasetSchema.js';
import type { Task } from '../task.js';
import { formatZodIssues } from '../../util/formatZodIssues.js';
import { labeledTarget } from './labeledTarget.js';
import { withParamOverrides } from './paramOverrides.js';
import { TrainOptionsSchema, type TrainOptions, type TrainOptionsInput } from './trainOptions.js';
import { TrainOptionsTextSchema } from './trainOptionsText.js';

/** A table checked for training: profiled, rows without a target left out, options resolved. */
export interface PreparedDataset {
  readonly options: TrainOptions;
  readonly schema: DatasetSchema;
  /** Features of the labeled rows, in schema order. */
  readonly frame: Frame;
  /** Encoded targets of the labeled rows. */
  readonly y: Float64Array;
  /** The table row (0-based data row) of each labeled row. */
  readonly rows: Int32Array;
  /** The outer split, as indices into the labeled rows: `train` fits and validates, `test` scores. */
  readonly split: Split;
  /** What preparing changed in the data (rows dropped by `min_class_rows`). */
  readonly warnings: string[];
}

/**
 * Everything that can reject a dataset before training: options (`--params` checked by each
 * candidate's schema), the target (`min_class_rows`, `positive_class`), the too-few-rows check,
 * the outer train/test split (stratified, seeded) and profiling. The features are profiled on
 * the training rows only, so the test rows never shape the schema. The ingest path calls it to
 * refuse a bad CSV at once; `trainModel` starts with it; the shared holdout reuses its split.
 */
export function prepareDataset(table: Table, optionsInput: TrainOptionsInput = {}): PreparedDataset {
  const options = parseTrainOptions(optionsInput);
  const target = labeledTarget(table, { target: options.target, minClassRows: options.min_class_rows, positiveClass: options.positive_class });
  const labeled = Int32Array.from(target.y.keys()).filter((i) => !Number.isNaN(target.y[i]));
  const y = takeValues(target.y, labeled);
  const { task, classes = [] } = target.spec;
  checkEnoughRows(y, task, classes, options.cv_folds, options.test_fraction);
  checkParamOverrides(options, task);
  const split = trainTestSplit(y, task, options.test_fraction, options.seed);
  const profiled = profileDataset(target.table, { target: target.spec.name, featureRows: Array.from(split.train, (i) => labeled[i]) });
  const schema: DatasetSchema = { ...profiled.schema, target: target.spec, rows: table.nRows };
  const frame = takeFrameRows(frameFromTable(target.table, schema.features), labeled);
  const rows = labeled.map((i) => target.tableRows[i]);
  return { options, schema, frame, y, rows, split, warnings: target.warnings };
}

/** Every `--params` override is for a chosen candidate and passes that candidate's schema. */
function checkParamOverrides(options: TrainOptions, task: Task): void {
  for (const [name, overrides] of Object.entries(options.params ?? {})) {
    if (!options.candidates.includes(name as TrainOptions['candidates'][number])) {
      throw new InvalidOptionsError(`--params names '${name}', which is not among the candidates (${options.candidates.join(', ')})`);
    }
    const candidate = candidateByName(name);
    if (candidate.supports(task)) withParamOverrides(candidate, overrides).paramSets(task);
  }
}

/** Resolves options with their defaults; an invalid one is an InvalidOptionsError naming each. */
export function parseTrainOptions(input: TrainOptionsInput): TrainOptions {
  const parsed = TrainOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidOptionsError(`invalid training options: ${formatZodIssues(parsed.error)}`, { cause: parsed.error });
}

/** Resolves options written as text (CLI flags, query parameters); InvalidOptionsError naming each bad one. */
export function parseTrainOptionsText(input: Readonly<Record<string, string | undefined>>): TrainOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const parsed = TrainOptionsTextSchema.safeParse(defined);
  if (parsed.success) return parsed.data;
  throw new InvalidOptionsError(`invalid training options: ${formatZodIssues(parsed.error)}`, { cause: parsed.error });
}
