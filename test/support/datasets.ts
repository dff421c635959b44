import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRandom } from '../../shared/automl/util/random.js';

/** Path of a dataset the project ships in `data/`. */
export function dataPath(name: string): string {
  return resolve(import.meta.dirname, '../../data', name);
}

export function readData(name: string): string {
  return readFileSync(dataPath(name), 'utf8');
}

/** The first `rows` data rows of a shipped CSV, header included. */
export function headOfData(name: string, rows: number): string {
  return readData(name).split('\n').slice(0, rows + 1).join('\n') + '\n';
}

/**
 * A small, learnable binary CSV: numeric x1, x2 (with some missing), a 3-level category and
 * an ID column; label depends on x1 + category. Deterministic for a seed.
 */
export function syntheticBinaryCsv(rows: number, seed = 7): string {
  const random = createRandom(seed);
  const lines = ['id,x1,x2,color,constant,label'];
  const colors = ['red', 'green', 'blue'];
  for (let i = 0; i < rows; i++) {
    const x1 = random() * 10;
    const x2 = random() < 0.05 ? '' : (random() * 5).toFixed(3);
    const color = colors[Math.floor(random() * 3)];
    const score = x1 + (color === 'red' ? 3 : 0) + random() * 4;
    lines.push(`row-${i},${x1.toFixed(4)},${x2},${color},same,${score > 8 ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A small 3-class CSV separable by x1 with noise. */
export function syntheticMulticlassCsv(rows: number, seed = 11): string {
  const random = createRandom(seed);
  const lines = ['x1,x2,kind'];
  for (let i = 0; i < rows; i++) {
    const x1 = random() * 9;
    const x2 = random();
    const kind = x1 + random() * 1.5 < 3.5 ? 'a' : x1 + random() * 1.5 < 6.5 ? 'b' : 'c';
    lines.push(`${x1.toFixed(3)},${x2.toFixed(3)},${kind}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `csv` with its last column (the label) replaced row by row: `label(fields, rowIndex)`. */
export function relabeledCsv(csv: string, label: (fields: string[], row: number) => string): string {
  const [header, ...rows] = csv.trim().split('\n');
  const relabeled = rows.map((line, r) => {
    const fields = line.split(',');
    fields[fields.length - 1] = label(fields, r);
    return fields.join(',');
  });
  return `${[header, ...relabeled].join('\n')}\n`;
}

/** `csv` with its labels permuted by a seeded shuffle: same class balance, no signal left (a model that must lose). */
export function shuffledLabelsCsv(csv: string, seed = 5): string {
  const labels = csv.trim().split('\n').slice(1).map((line) => line.slice(line.lastIndexOf(',') + 1));
  const random = createRandom(seed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return relabeledCsv(csv, (_fields, r) => labels[r]);
}

/**
 * The first data row of a shipped CSV as a request record, without its last column (the label):
 * numeric-looking cells as numbers, others as text. Derived from the file, never copied by hand.
 */
export function firstRecord(name: string): Record<string, string | number> {
  return dataRecords(name, 0, 1)[0];
}

/** Data rows `from` … `from + count − 1` of a shipped CSV as request records, as `firstRecord` builds them. */
export function dataRecords(name: string, from: number, count: number): Record<string, string | number>[] {
  const [header, ...rows] = readData(name).trim().split('\n');
  const names = header.split(',').slice(0, -1);
  return rows.slice(from, from + count).map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(names.map((column, i) => [column, Number.isFinite(Number(cells[i])) ? Number(cells[i]) : cells[i]]));
  });
}

/**
 * A wine-like CSV: 178 rows of 3 classes (59, 71, 48, as scikit-learn's wine), 13 normal features
 * whose means differ by class, seeded. Well separated, so tree leaves come out pure.
 */
export function wineLikeCsv(seed = 1): string {
  const random = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const means = Array.from({ length: 3 }, () => Array.from({ length: 13 }, () => normal() * 1.5));
  const rows: string[] = [];
  [59, 71, 48].forEach((count, c) => {
    for (let i = 0; i < count; i++) rows.push([...means[c].map((mean) => (mean + normal()).toFixed(3)), `class_${c}`].join(','));
  });
  const order = rows.map((row) => ({ row, key: random() })).sort((a, b) => a.key - b.key);
  return `${[...Array.from({ length: 13 }, (_, i) => `f${i}`), 'cultivar'].join(',')}\n${order.map((o) => o.row).join('\n')}\n`;
}
