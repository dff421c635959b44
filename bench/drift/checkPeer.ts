/**
 * Figure 3e: one whole drift check (`datasetDrift`, timed as 3a) beside the same check done with
 * numpy/scipy (`python3 bench/drift/check_peer.py`), measured in the same run on the same columns:
 * the 8 features and the model's prediction, each with the test our check chose for it
 * (`defaultStattest`: normalized Wasserstein, Jensen–Shannon on the same bins, or on a small
 * reference KS / chi-square / z), plus the missing share and the histogram our result carries.
 * Same timing rule as ours (one warm-up, then the median of `runs` checks), both on one thread;
 * the peer's clock covers the check alone, not python's start-up nor reading the files.
 *
 * Handover, as 3c's ks_peer.py: each current column as a little-endian float64 file (missing =
 * NaN; a categorical column as category codes, the sorted reference categories 0..k−1 then the
 * unseen ones sorted, so bin i is our bin i: the peer counts them with np.bincount where ours
 * counts strings, which favours the peer), each numeric reference sample as one too, the rest
 * (test, counts, edges) in a JSON manifest. Parity: the notes give the largest absolute
 * difference ours − scipy per statistic, p-value, histogram count and missing share, so the
 * ratio compares equal work.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameColumn } from '../../shared/automl/data/frame.js';
import type { ReferenceColumn } from '../../shared/automl/statistics/driftReference.js';
import type { ColumnDrift, DriftResult } from '../../shared/drift/driftResult.js';
import { fmtSeconds, type Figure } from '../report.js';
import { CHILD_TIMEOUT_MS, FailureLog, progress } from '../support/context.js';

/** The row's label (e.g. "100,000 rows × 8 features + prediction") and tag ("100k": notes, file names). */
export interface CheckPeerRow {
  readonly label: string;
  readonly tag: string;
}

export interface CheckPeerInput {
  readonly root: string;
  readonly workDir: string;
  readonly reference: { readonly columns: Readonly<Record<string, ReferenceColumn>>; readonly prediction: ReferenceColumn };
  readonly current: { readonly columns: Readonly<Record<string, FrameColumn>>; readonly prediction: FrameColumn };
  /** Our check of these columns (its tests are the peer's) and its median seconds. */
  readonly ours: { readonly seconds: number; readonly result: DriftResult };
  readonly runs: number;
}

/**
 * One BLAS thread for the peer, as our check runs on one: with OpenBLAS's default threads, the
 * `np.vecdot` inside `wasserstein_distance` took 16–30 ms a call on a loaded 2-core machine
 * (0.007 ms on one thread), which would measure thread contention, not the check.
 */
const SINGLE_THREADED = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

interface PeerColumn {
  readonly name: string;
  readonly test: string;
  readonly statistic: number;
  readonly p_value: number | null;
  readonly histogram: number[];
  readonly missing: number;
}

interface PeerOutput {
  readonly scipy: string;
  readonly numpy: string;
  readonly seconds: number;
  /** In manifest order. */
  readonly results: readonly PeerColumn[];
}

interface Column {
  readonly name: string;
  readonly reference: ReferenceColumn;
  readonly current: FrameColumn;
  readonly ours: ColumnDrift;
}

const fileTag = (tag: string) => tag.replace(/[^A-Za-z0-9]+/g, '-');

function writeF64(path: string, values: Float64Array): string {
  writeFileSync(path, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  return path;
}

/** Category codes: the sorted reference categories, then the unseen ones sorted (`valueBins`' order); null = NaN. */
function categoryCodes(categories: string[], values: readonly (string | null)[]): Float64Array {
  const unseen = [...new Set(values.filter((v): v is string => v !== null && !categories.includes(v)))].sort();
  const code = new Map([...categories, ...unseen].map((c, i) => [c, i]));
  return Float64Array.from(values, (v) => (v === null ? Number.NaN : (code.get(v) as number)));
}

/** One column's manifest entry; its files are named by position, never by the column's name (which comes from data). */
function manifestColumn(dir: string, tag: string, { name, reference, current, ours }: Column, index: number): Record<string, unknown> {
  if (ours.status !== 'checked' || ours.stattest === 'missing_share') throw new Error(`column '${name}': our check ran no value test (${ours.status}, ${ours.stattest})`);
  const base = { name, type: reference.type, test: ours.stattest, reference_rows: reference.rows, reference_missing: reference.missing };
  const file = (side: string) => join(dir, `${fileTag(tag)}.${index}.${side}.f64`);
  if (reference.type === 'numeric' && current.kind === 'numeric') {
    const valueCounts = reference.value_counts && Object.entries(reference.value_counts).map(([v, c]) => [Number(v), c] as const);
    return {
      ...base,
      current: writeF64(file('current'), current.values),
      reference_sample: writeF64(file('sample'), Float64Array.from(reference.sample)),
      bin_edges: reference.bin_edges,
      bin_counts: reference.bin_counts,
      value_counts: valueCounts && { values: valueCounts.map(([v]) => v), counts: valueCounts.map(([, c]) => c) },
    };
  }
  if (reference.type === 'categorical' && current.kind === 'categorical') {
    const categories = Object.keys(reference.counts).sort();
    return { ...base, current: writeF64(file('current'), categoryCodes(categories, current.values)), reference_counts: categories.map((c) => reference.counts[c]) };
  }
  throw new Error(`column '${name}': a ${reference.type} reference with ${current.kind} current values`);
}

function runPeer(input: CheckPeerInput, tag: string, columns: readonly Column[]): PeerOutput {
  const manifest = join(input.workDir, `${fileTag(tag)}.check-columns.json`);
  writeFileSync(manifest, JSON.stringify({ columns: columns.map((c, i) => manifestColumn(input.workDir, tag, c, i)) }));
  const script = join(input.root, 'bench/drift/check_peer.py');
  progress(`3e ${tag} peer: python3 ${script} (numpy/scipy, median of ${input.runs} after a warm-up)`);
  const env = { ...process.env, ...SINGLE_THREADED };
  const run = spawnSync('python3', [script, manifest, String(input.runs)], { encoding: 'utf8', env, timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`check_peer.py exited with ${run.status ?? run.signal}: ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(run.stdout) as PeerOutput;
}

/** Largest |ours − scipy| per statistic and p-value (by test), histogram count and missing share. */
function parity(tag: string, columns: readonly Column[], peer: PeerOutput): string {
  const largest = new Map<string, { difference: number; columns: number }>();
  const record = (key: string, difference: number) => {
    const entry = largest.get(key) ?? { difference: 0, columns: 0 };
    largest.set(key, { difference: Math.max(entry.difference, difference), columns: entry.columns + 1 });
  };
  for (const [i, { name, current, ours }] of columns.entries()) {
    const theirs = peer.results[i];
    if (theirs?.name !== name || theirs.test !== ours.stattest) throw new Error(`column '${name}': the peer ran ${theirs?.test} on '${theirs?.name}', ours ${ours.stattest}`);
    record(`${ours.stattest} statistic`, Math.abs((ours.statistic as number) - theirs.statistic));
    if (ours.p_value !== null || theirs.p_value !== null) record(`${ours.stattest} p-value`, Math.abs((ours.p_value ?? Number.NaN) - (theirs.p_value ?? Number.NaN)));
    const bins = ours.histogram.current;
    if (bins.length !== theirs.histogram.length) throw new Error(`column '${name}': ${bins.length} bins ours, ${theirs.histogram.length} scipy`);
    record('histogram count', Math.max(0, ...bins.map((count, i) => Math.abs(count - theirs.histogram[i]))));
    record('missing share', Math.abs(ours.missing_share.current - theirs.missing / current.values.length));
  }
  const parts = [...largest].map(([key, { difference, columns: n }]) => `${key} ${difference === 0 ? '0' : difference.toExponential(1)} (${n})`);
  return `3e parity ${tag} (scipy ${peer.scipy}, numpy ${peer.numpy}), largest |ours − scipy| (columns): ${parts.join(', ')}`;
}

function columnsOf({ reference, current, ours }: CheckPeerInput): Column[] {
  const features = Object.keys(reference.columns).map((name) => ({ name, reference: reference.columns[name], current: current.columns[name], ours: ours.result.columns[name] }));
  const prediction = ours.result.prediction_drift;
  if (!prediction) throw new Error('our check has no prediction drift');
  return [...features, { name: 'prediction', reference: reference.prediction, current: current.prediction, ours: prediction }];
}

/** The 3e row of one size, and its parity note; without `input` (our check failed) the row says so. */
export function checkPeer({ label, tag }: CheckPeerRow, input: CheckPeerInput | undefined, log: FailureLog): { row: Figure; notes: string[] } {
  const columns = input && log.attempt(`3e ${tag} columns`, () => columnsOf(input));
  const peer = input && columns && log.attempt(`3e ${tag} scipy peer`, () => runPeer(input, tag, columns));
  const parityLine = input && columns && peer && log.attempt(`3e ${tag} parity`, () => parity(tag, columns, peer));
  if (input && peer) progress(`3e ${tag}: ours ${fmtSeconds(input.ours.seconds)}, scipy ${fmtSeconds(peer.seconds)}`);
  const row: Figure = {
    label: `3e datasetDrift vs numpy/scipy, same test per column, ${label}`,
    ours: input?.ours.seconds,
    peer: peer ? { value: peer.seconds, from: 'run' } : undefined,
    format: fmtSeconds,
  };
  return { row, notes: parityLine ? [parityLine] : [] };
}
