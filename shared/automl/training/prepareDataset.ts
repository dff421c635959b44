import { frameFromTable, takeFrameRows, type Frame } from '../data/frame.js';
import type { Table } from '../data/table.js';
import { InvalidOptionsError } from '../errors.js';
import { checkEnoughRows } from '../evaluation/splits.js';
import { takeValues } from '../matrix.js';
import { profileDataset } from '../profile/profileDataset.js';
import type { DatasetSchema } from '../schema/datasetSchema.js';
import { formatZodIssues } from '../../util/formatZodIssues.js';
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
}

/**
 * Everything that can reject a dataset before training: options, profiling (target, task,
 * types, drops) and the too-few-rows check. The ingest path calls it to refuse a bad CSV at
 * once; `trainModel` starts with it.
 */
export function prepareDataset(table: Table, optionsInput: TrainOptionsInput = {}): PreparedDataset {
  const options = parseTrainOptions(optionsInput);
  const { schema, y: yAll } = profileDataset(table, { target: options.target });
  const labeled = Int32Array.from(yAll.keys()).filter((i) => !Number.isNaN(yAll[i]));
  const frame = takeFrameRows(frameFromTable(table, schema.features), labeled);
  const y = takeValues(yAll, labeled);
  checkEnoughRows(y, schema.target.task, schema.target.classes ?? [], options.cv_folds, options.test_fraction);
  return { options, schema, frame, y, rows: labeled };
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
