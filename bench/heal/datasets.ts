/**
 * The heal benchmark's data: a seeded split of the main dataset's rows into the bootstrap CSV
 * (20,000 rows, what v0001 trains on) and the held-out CSV (every other row, what `alm simulate`
 * and the light labeled traffic replay), and the bootstrap CSV with its labels shuffled (a
 * candidate that must lose). Files are written to the run's temp dir. Measures nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, shuffleInPlace } from '../../shared/automl/util/random.js';

export interface HealDatasets {
  readonly bootstrapCsv: string;
  readonly heldOutCsv: string;
  /** The bootstrap CSV's text with its labels (the last column) shuffled. */
  readonly shuffledLabels: string;
  readonly bootstrapRows: number;
  readonly heldOutRows: number;
}

export function writeHealDatasets(source: string, dir: string, bootstrapRows = 20_000, seed = 42): HealDatasets {
  const [header, ...rows] = readFileSync(source, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const order = shuffleInPlace(Int32Array.from(rows.keys()), createRandom(seed));
  const bootstrap = Array.from(order.subarray(0, bootstrapRows), (i) => rows[i]);
  const heldOut = Array.from(order.subarray(bootstrapRows), (i) => rows[i]);
  const bootstrapCsv = join(dir, 'bootstrap.csv');
  const heldOutCsv = join(dir, 'held-out.csv');
  writeFileSync(bootstrapCsv, `${[header, ...bootstrap].join('\n')}\n`);
  writeFileSync(heldOutCsv, `${[header, ...heldOut].join('\n')}\n`);
  return { bootstrapCsv, heldOutCsv, shuffledLabels: shuffleLabels(header, bootstrap, seed + 1), bootstrapRows: bootstrap.length, heldOutRows: heldOut.length };
}

/** The rows with their last cell permuted (seeded): labels that carry no signal. */
function shuffleLabels(header: string, rows: readonly string[], seed: number): string {
  const cut = rows.map((row) => row.lastIndexOf(','));
  const labels = shuffleInPlace(Int32Array.from(rows.keys()), createRandom(seed));
  const out = rows.map((row, i) => `${row.slice(0, cut[i])},${rows[labels[i]].slice(cut[labels[i]] + 1)}`);
  return `${[header, ...out].join('\n')}\n`;
}
