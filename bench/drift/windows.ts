/**
 * Windows of served rows for figures 1 and 2: rows resampled with replacement (seeded mulberry32)
 * from the held-out rows, optionally one numeric feature shifted, predicted by the trained model
 * (binary: the positive-class probability), then turned into current columns the way the drift
 * check reads the prediction log (`currentColumns` over `{record, output}`), checked against the
 * stored reference (`datasetDrift`, default options) and judged alone (`decideOnDrift`, default
 * settings, no previous window, no last retrain).
 */
import type { Frame } from '../../shared/automl/data/frame.js';
import type { Random } from '../../shared/automl/util/random.js';
import { decideOnDrift } from '../../shared/decision/driftDecision.js';
import type { DriftDecision } from '../../shared/decision/driftDecisionSchemas.js';
import { currentColumns, type ServedRow } from '../../shared/drift/check/currentColumns.js';
import { datasetDrift } from '../../shared/drift/check/datasetDrift.js';
import type { DriftOptionsInput } from '../../shared/drift/check/driftOptions.js';
import type { DriftResult } from '../../shared/drift/driftResult.js';
import { frameRows, type DriftDataset, type DriftModel, type ServedRecord } from './driftModel.js';

/** `size` indices drawn uniformly with replacement from `pool`. */
export function resample(pool: ArrayLike<number>, size: number, random: Random): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = pool[Math.floor(random() * pool.length)];
  return out;
}

/** A numeric feature moved by `delta` in every row of a window. */
export interface Shift {
  readonly column: string;
  readonly delta: number;
}

export interface CheckedWindow {
  readonly result: DriftResult;
  readonly decision: DriftDecision;
}

function shiftedFrame(frame: Frame, featureIndex: number, delta: number): Frame {
  const columns = frame.columns.map((column, f) => {
    if (f !== featureIndex) return column;
    if (column.kind !== 'numeric') throw new Error('only a numeric feature can be shifted');
    return { kind: 'numeric' as const, values: column.values.map((v) => v + delta) };
  });
  return { nRows: frame.nRows, columns };
}

/** The window's rows as served: the records (shifted like the frame) and the model's output. */
export function servedRows(data: DriftDataset, model: DriftModel, rows: Int32Array, shift?: Shift): ServedRow[] {
  const featureIndex = shift ? data.schema.features.findIndex((f) => f.name === shift.column) : -1;
  if (shift && featureIndex < 0) throw new Error(`no feature '${shift.column}'`);
  const frame = shift ? shiftedFrame(frameRows(data, rows), featureIndex, shift.delta) : frameRows(data, rows);
  const { values } = model.predictor.predictFrame(frame);
  return Array.from(rows, (r, i): ServedRow => {
    const record: ServedRecord = shift ? { ...data.records[r], [shift.column]: (data.records[r][shift.column] as number) + shift.delta } : data.records[r];
    return { record, output: values[i] };
  });
}

/** One window checked against the stored reference and judged on its own. */
export function checkWindow(model: DriftModel, rows: readonly ServedRow[], options: DriftOptionsInput = {}, now = new Date().toISOString()): CheckedWindow {
  const { reference } = model;
  const current = currentColumns(rows, reference);
  // With the version's multivariate reference and calibration: multivariate drift and CBPE are reasons too.
  const signals = { multivariate: model.result.multivariateReference, calibration: model.result.calibration };
  const result = datasetDrift({ reference: { columns: reference.columns, prediction: reference.prediction, ...signals }, current }, options);
  const decision = decideOnDrift(result, { importances: reference.importances, now, lastRetrainAt: null, previousConsecutive: 0 });
  return { result, decision };
}
