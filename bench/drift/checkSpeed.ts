/**
 * Figure 3a/3b: speed of one drift check against the stored reference of the trained model
 * (64,000 rows: Wasserstein and Jensen–Shannon, as `defaultStattest` picks them), with current
 * data of 10,000, 100,000 and 1,000,000 rows resampled from the main dataset (`currentData`): the 8
 * feature columns AND the model's probability (prediction drift), as a production check runs.
 * Median of 5 runs after one warm-up, each of:
 *   3a `datasetDrift` on in-memory columns;
 *   3b end to end from prediction-log NDJSON lines: `JSON.parse` of each line
 *      `{record, prediction, probability}` → served rows → `currentColumns` → `datasetDrift`.
 * Targets: ≤ 0.5 s at 10k and 100k rows, ≤ 3 s at 1M. Plus 3d: `datasetDrift` of the same 100,000 rows
 * against a reference built (`buildDriftReference`) from 1,000 training rows, the branch of the
 * p-value tests (KS for wide numerics and the prediction, chi-square / z for the others), same
 * 0.5 s target. The notes give the tests each check ran and a one-run breakdown of 3b.
 * Each 3a check (and 3d's) also gets its 3e row: the same check done by numpy/scipy on the same
 * columns in this run (drift/checkPeer.ts), ratio ours/scipy, after 3a–3d.
 */
import { buildDriftReference } from '../../shared/automl/statistics/buildDriftReference.js';
import type { ReferenceColumn } from '../../shared/automl/statistics/driftReference.js';
import { createRandom } from '../../shared/automl/util/random.js';
import { currentColumns, type ServedRow } from '../../shared/drift/check/currentColumns.js';
import { datasetDrift } from '../../shared/drift/check/datasetDrift.js';
import type { DriftResult } from '../../shared/drift/driftResult.js';
import { atMost, fmtSeconds, type Figure } from '../report.js';
import { FailureLog, progress } from '../support/context.js';
import { seconds } from '../support/timing.js';
import { checkPeer } from './checkPeer.js';
import { currentData, type CurrentData } from './currentData.js';
import { frameRows, type DriftDataset, type DriftModel } from './driftModel.js';
import { medianSeconds } from './medianTime.js';
import type { DriftFigureRows } from './rows.js';
import { resample } from './windows.js';

export const SPEED_RUNS = 5;
export const SMALL_REFERENCE_ROWS = 1_000;

interface Reference {
  readonly columns: Readonly<Record<string, ReferenceColumn>>;
  readonly prediction: ReferenceColumn;
}

function inMemory(reference: Reference, current: CurrentData): DriftResult {
  return datasetDrift({ reference, current: { columns: current.columns, prediction: current.prediction } });
}

function parseLines(lines: readonly string[]): ServedRow[] {
  return lines.map((line) => {
    const parsed = JSON.parse(line) as { record: Record<string, unknown>; probability?: number; prediction: number | string | null };
    return { record: parsed.record, output: parsed.probability ?? parsed.prediction };
  });
}

function endToEnd(reference: Reference, lines: readonly string[]): DriftResult {
  return datasetDrift({ reference, current: currentColumns(parseLines(lines), reference) });
}

/** One run of each stage of 3b, for the notes. */
function breakdown(reference: Reference, lines: readonly string[]): string {
  const parse = seconds(() => parseLines(lines));
  const columns = seconds(() => currentColumns(parse.result, reference));
  const check = seconds(() => datasetDrift({ reference, current: columns.result }));
  return `JSON.parse ${fmtSeconds(parse.seconds)}, currentColumns ${fmtSeconds(columns.seconds)}, datasetDrift ${fmtSeconds(check.seconds)}`;
}

function tests(result: DriftResult): string {
  const columns = Object.entries(result.columns).map(([name, c]) => `${name} ${c.stattest}`);
  return [...columns, `prediction ${result.prediction_drift?.stattest ?? '—'}`].join(', ');
}

const fmtRows = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);

/** A reference built from `rows` training rows (seeded), the model's own predictions on them standing in for out-of-fold ones. */
function smallReference(data: DriftDataset, model: DriftModel, rows: number, seed: number): Reference {
  const indices = resample(data.trainRows, rows, createRandom(seed));
  const frame = frameRows(data, indices);
  const built = buildDriftReference({
    frame,
    features: data.schema.features,
    target: data.schema.target,
    outputs: model.predictor.predictFrame(frame).values,
    importances: model.reference.importances,
    seed,
  });
  return { columns: built.columns, prediction: built.prediction };
}

export interface CheckSpeedInput {
  readonly data: DriftDataset;
  readonly model: DriftModel;
  /** The 100,000 current rows (shared with 3c). */
  readonly current100k: CurrentData;
  readonly seed: number;
  /** The repository (for the peer's script) and a scratch directory (its column files). */
  readonly root: string;
  readonly workDir: string;
}

export function checkSpeed(input: CheckSpeedInput | undefined): DriftFigureRows {
  const log = new FailureLog();
  const rows: Figure[] = [];
  const notes: string[] = [];
  const peerRows: Figure[] = [];
  const peerNotes: string[] = [];
  /** The 3e row of a check (`ours`) of `current` against `against`. */
  const peer = (row: { label: string; tag: string }, against: Reference | undefined, current: CurrentData | undefined, ours: { seconds: number; result: DriftResult } | undefined) => {
    const compared = checkPeer(row, input && against && current && ours && { root: input.root, workDir: input.workDir, reference: against, current, ours, runs: SPEED_RUNS }, log);
    peerRows.push(compared.row);
    peerNotes.push(...compared.notes);
  };
  const reference: Reference | undefined = input && { columns: input.model.reference.columns, prediction: input.model.reference.prediction };
  const sizes: readonly { rows: number; target: number }[] = [
    { rows: 10_000, target: 0.5 },
    { rows: 100_000, target: 0.5 },
    { rows: 1_000_000, target: 3 },
  ];
  for (const { rows: n, target } of sizes) {
    const current =
      input && (n === input.current100k.rows ? input.current100k : log.attempt(`current data ${fmtRows(n)}`, () => currentData(input.data, input.model, n, input.seed + n)));
    progress(`3 drift check speed, ${fmtRows(n)} rows: in memory, then from NDJSON lines (median of ${SPEED_RUNS} after a warm-up)`);
    const a = current && reference && log.attempt(`3a datasetDrift ${fmtRows(n)}`, () => medianSeconds(() => inMemory(reference, current), SPEED_RUNS));
    const b = current && reference && log.attempt(`3b end to end ${fmtRows(n)}`, () => medianSeconds(() => endToEnd(reference, current.lines), SPEED_RUNS));
    const label = `${n.toLocaleString('en-US')} rows × 8 features + prediction`;
    rows.push({ label: `3a datasetDrift, in memory, ${label}`, ours: a?.seconds, peer: null, format: fmtSeconds, target: atMost(target, `≤ ${target} s`) });
    rows.push({ label: `3b end to end from NDJSON, ${label}`, ours: b?.seconds, peer: null, format: fmtSeconds, target: atMost(target, `≤ ${target} s`) });
    if (a) notes.push(`3a/3b ${fmtRows(n)}, reference of ${input?.model.reference.rows} rows: ${tests(a.result)}`);
    if (current && reference) {
      const split = log.attempt(`3b breakdown ${fmtRows(n)}`, () => breakdown(reference, current.lines));
      if (split) notes.push(`3b ${fmtRows(n)}, one run by stage: ${split}`);
    }
    peer({ label, tag: fmtRows(n) }, reference, current, a);
    if (a && b) progress(`3 ${fmtRows(n)}: in memory ${fmtSeconds(a.seconds)}, end to end ${fmtSeconds(b.seconds)}`);
  }
  const small = input && log.attempt('3d small reference', () => smallReference(input.data, input.model, SMALL_REFERENCE_ROWS, input.seed + 3));
  progress(`3d drift check of 100k rows against a ${SMALL_REFERENCE_ROWS}-row reference (median of ${SPEED_RUNS} after a warm-up)`);
  const d = input && small && log.attempt('3d datasetDrift, small reference', () => medianSeconds(() => inMemory(small, input.current100k), SPEED_RUNS));
  rows.push({
    label: `3d datasetDrift, reference of ${SMALL_REFERENCE_ROWS.toLocaleString('en-US')} rows (KS/chi-square/z), 100,000 rows`,
    ours: d?.seconds,
    peer: null,
    format: fmtSeconds,
    target: atMost(0.5, '≤ 0.5 s'),
  });
  if (d) notes.push(`3d tests: ${tests(d.result)}`);
  peer({ label: `reference of ${SMALL_REFERENCE_ROWS.toLocaleString('en-US')} rows (KS/chi-square/z), 100,000 rows`, tag: '100k, 1k reference' }, small, input?.current100k, d);
  return { rows: [...rows, ...peerRows], failures: log.failures, notes: [...notes, ...peerNotes] };
}

