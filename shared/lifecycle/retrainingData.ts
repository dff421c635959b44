import { formatCsv } from '../automl/data/formatCsv.js';
import { parseCsv } from '../automl/data/parseCsv.js';
import { createRandom } from '../automl/util/random.js';
import type { DriftWindow, RetrainingData } from '../registry/schemas.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import { labeledPredictions, type LabeledPrediction } from '../serving/labeledPredictions.js';
import { sha256Hex } from '../util/sha256.js';
import { RetrainingSettingsSchema, type RetrainingSettingsInput } from './retrainingSettings.js';
import { DatasetNotFoundError } from './errors.js';


/**
 * The dataset a drift-triggered retraining trains on: the reference training set (the production
 * version's dataset) plus the recent production rows that have ground truth (the join of
 * predictions and labels), weighted by `recentShare` (see `RetrainingSettingsSchema`). The recent
 * rows are split by a hash of their prediction id (stable under replays) into training rows and
 * a holdout; both datasets are stored content-addressed under `datasets/`. A recent row has the
 * reference's columns: its record's values (absent ones empty, i.e. missing) and its label as the
 * target. Deterministic for a seed.
 */
export async function assembleRetrainingData(
  registry: Pick<ModelRegistry, 'datasets' | 'predictions' | 'labels'>,
  reference: { readonly digest: string; readonly target: string },
  window: DriftWindow,
  seed: number,
  settingsInput: RetrainingSettingsInput = {},
): Promise<{ dataset_digest: string; data: RetrainingData }> {
  const settings = RetrainingSettingsSchema.parse(settingsInput);
  const csv = await registry.datasets.get(reference.digest);
  if (csv === undefined) throw new DatasetNotFoundError(`reference dataset ${reference.digest} is not in the store`);
  const table = parseCsv(csv);
  const { rows: labeled } = await labeledPredictions(registry, { from: new Date(window.from), to: new Date(window.to) });
  const inHoldout = (row: LabeledPrediction) => Number.parseInt(sha256Hex(row.prediction.prediction_id).slice(0, 8), 16) / 2 ** 32 < settings.holdoutShare;
  let holdout = labeled.filter(inHoldout);
  let recent = labeled.filter((row) => !inHoldout(row));
  if (holdout.length < settings.minHoldoutRows) [recent, holdout] = [labeled, []];

  const asCells = labeledRowCells(table.columns, reference.target);
  const keep = recent.length === 0 ? table.nRows : Math.min(table.nRows, Math.ceil((recent.length * (1 - settings.recentShare)) / settings.recentShare));
  const referenceRows = sampleRows(table.nRows, keep, seed).map((r) => table.columns.map((_, c) => table.cells[c][r]));
  const training = formatCsv(table.columns, [...referenceRows, ...recent.map(asCells)]);
  const { digest } = await registry.datasets.put(training);
  const holdoutDigest = holdout.length > 0 ? (await registry.datasets.put(formatCsv(table.columns, holdout.map(asCells)))).digest : null;
  return {
    dataset_digest: digest,
    data: {
      reference_digest: reference.digest,
      reference_rows: keep,
      recent_rows: recent.length,
      holdout_digest: holdoutDigest,
      holdout_rows: holdout.length,
      window,
      recent_share: settings.recentShare,
    },
  };
}

/** `keep` of the rows 0 … n − 1, in their order: all of them, or a seeded sample without replacement. */
function sampleRows(n: number, keep: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (keep >= n) return all;
  const random = createRandom(seed);
  for (let i = 0; i < keep; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, keep).sort((a, b) => a - b);
}

/** A labeled production row as the cells of `columns`: its record's values (absent ones empty), its label as the target. */
export function labeledRowCells(columns: readonly string[], target: string): (row: LabeledPrediction) => string[] {
  return (row) => columns.map((column) => (column === target ? String(row.actual) : cellText(row.prediction.record[column])));
}

function cellText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
