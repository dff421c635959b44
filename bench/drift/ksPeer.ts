/**
 * Figure 3c: our `ksTwoSample` beside scipy's `ks_2samp` (method 'auto', two-sided), at equal
 * work on the same values, measured in the same run: for each of the 8 features, the reference
 * side a KS check would use (numeric: the stored reference sample of the trained model, 5,000
 * values; a categorical feature has none, so 5,000 seeded training rows coded as the index of
 * their category, the same codes on both sides) against the 100,000 current rows of figure 3.
 * Times: one warm-up, then the median of 11 calls, on one column (bmi, the widest) and on one
 * pass over the 8 columns. The peer runs as `python3 bench/drift/ks_peer.py` (the column pairs
 * handed over as float64 files); without python3 and scipy the peer cells say "peer unavailable".
 * The notes compare the statistics and p-values of both sides (a parity check, not a figure).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '../../shared/automl/util/random.js';
import { ksTwoSample } from '../../shared/drift/ksTwoSample.js';
import type { Figure, PeerValue } from '../report.js';
import { CHILD_TIMEOUT_MS, FailureLog, progress } from '../support/context.js';
import type { CurrentData } from './currentData.js';
import { frameRows, type DriftDataset, type DriftModel } from './driftModel.js';
import { medianSeconds } from './medianTime.js';
import { fmtMillis, type DriftFigureRows } from './rows.js';
import { resample } from './windows.js';

export const KS_RUNS = 11;
const SINGLE = 'bmi';
const CATEGORICAL_REFERENCE_ROWS = 5_000;

interface ColumnPair {
  readonly name: string;
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

interface PeerOutput {
  readonly scipy: string;
  readonly numpy: string;
  readonly single: { readonly seconds: number };
  readonly all: { readonly seconds: number };
  readonly results: Record<string, { statistic: number; pvalue: number }>;
}

function finite(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).filter(Number.isFinite);
}

/** The 8 column pairs (see the module comment). */
export function columnPairs(data: DriftDataset, model: DriftModel, current: CurrentData, seed: number): ColumnPair[] {
  const sampleRows = resample(data.trainRows, CATEGORICAL_REFERENCE_ROWS, createRandom(seed));
  const sampleFrame = frameRows(data, sampleRows);
  return data.schema.features.map((feature, f): ColumnPair => {
    const stored = model.reference.columns[feature.name];
    const column = current.columns[feature.name];
    if (stored.type === 'numeric' && column.kind === 'numeric') {
      return { name: feature.name, reference: Float64Array.from(stored.sample), current: finite(column.values) };
    }
    const categories = stored.type === 'categorical' ? Object.keys(stored.counts).sort() : [];
    const code = new Map(categories.map((c, i) => [c, i]));
    const codes = (values: readonly (string | null)[]) => Float64Array.from(values, (v) => (v === null ? Number.NaN : (code.get(v) ?? categories.length)));
    const sample = sampleFrame.columns[f];
    if (sample.kind !== 'categorical' || column.kind !== 'categorical') throw new Error(`column '${feature.name}': unexpected kinds`);
    return { name: feature.name, reference: finite(codes(sample.values)), current: finite(codes(column.values)) };
  });
}

function runPeer(root: string, workDir: string, pairs: readonly ColumnPair[]): PeerOutput {
  const columns = pairs.map((pair) => {
    const reference = join(workDir, `${pair.name}.reference.f64`);
    const current = join(workDir, `${pair.name}.current.f64`);
    writeFileSync(reference, Buffer.from(pair.reference.buffer, pair.reference.byteOffset, pair.reference.byteLength));
    writeFileSync(current, Buffer.from(pair.current.buffer, pair.current.byteOffset, pair.current.byteLength));
    return { name: pair.name, reference, current };
  });
  const manifest = join(workDir, 'ks-columns.json');
  writeFileSync(manifest, JSON.stringify({ columns }));
  const script = join(root, 'bench/drift/ks_peer.py');
  progress(`3c peer: python3 ${script} (scipy ks_2samp, median of ${KS_RUNS})`);
  const run = spawnSync('python3', [script, manifest, String(KS_RUNS), SINGLE], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`ks_peer.py exited with ${run.status ?? run.signal}: ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(run.stdout) as PeerOutput;
}

function fromRun(seconds: number | undefined): PeerValue | undefined {
  return seconds === undefined ? undefined : { value: seconds, from: 'run' };
}

function parity(pairs: readonly ColumnPair[], peer: PeerOutput): string[] {
  return pairs.map((pair) => {
    const ours = ksTwoSample(pair.reference, pair.current);
    const theirs = peer.results[pair.name];
    const relative = theirs.pvalue === 0 ? Math.abs(ours.p_value) : Math.abs(ours.p_value - theirs.pvalue) / theirs.pvalue;
    return (
      `3c parity ${pair.name} (${pair.reference.length} × ${pair.current.length}): D ours ${ours.statistic.toPrecision(6)} scipy ${theirs.statistic.toPrecision(6)}, ` +
      `p ours ${ours.p_value.toPrecision(6)} scipy ${theirs.pvalue.toPrecision(6)} (relative difference ${relative.toExponential(1)})`
    );
  });
}

export interface KsPeerInput {
  readonly root: string;
  readonly workDir: string;
  readonly data: DriftDataset;
  readonly model: DriftModel;
  readonly current100k: CurrentData;
  readonly seed: number;
}

export function ksPeer(input: KsPeerInput | undefined): DriftFigureRows {
  const log = new FailureLog();
  const pairs = input && log.attempt('3c column pairs', () => columnPairs(input.data, input.model, input.current100k, input.seed));
  const single = pairs?.find((pair) => pair.name === SINGLE);
  progress(`3c ksTwoSample: ${SINGLE}, then the 8 columns (median of ${KS_RUNS} after a warm-up)`);
  const oneOurs = single && log.attempt('3c ksTwoSample, one column', () => medianSeconds(() => ksTwoSample(single.reference, single.current), KS_RUNS));
  const allOurs = pairs && log.attempt('3c ksTwoSample, 8 columns', () => medianSeconds(() => pairs.map((p) => ksTwoSample(p.reference, p.current)), KS_RUNS));
  const peer = input && pairs && log.attempt('3c scipy peer', () => runPeer(input.root, input.workDir, pairs));
  const size = single ? `${single.reference.length.toLocaleString('en-US')} ref × ${single.current.length.toLocaleString('en-US')} cur` : '';
  const rows: Figure[] = [
    {
      label: `3c ksTwoSample, one column (${SINGLE}, ${size}) vs scipy ks_2samp`,
      ours: oneOurs?.seconds,
      peer: fromRun(peer?.single.seconds),
      format: fmtMillis,
    },
    {
      label: `3c ksTwoSample, the 8 columns (categoricals as codes) vs scipy ks_2samp`,
      ours: allOurs?.seconds,
      peer: fromRun(peer?.all.seconds),
      format: fmtMillis,
    },
  ];
  const parityLines = peer && pairs ? (log.attempt('3c parity', () => parity(pairs, peer)) ?? []) : [];
  const notes = peer ? [`3c peer: scipy ${peer.scipy}, numpy ${peer.numpy} (python3)`, ...parityLines] : [];
  return { rows, failures: log.failures, notes };
}
