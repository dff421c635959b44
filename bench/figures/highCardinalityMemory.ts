/**
 * Figure 1f: peak memory of the full CLI run `alm train` (all defaults) on the main dataset with
 * one more column, `merchant`: 5,000 text categories drawn uniformly (seeded), about 20 rows
 * each — the "100k-row file with a 5,000-category column". Linear models one-hot at most
 * K = 32 slots (the most frequent categories with ≥ 5 training rows, then "other"), trees get one
 * byte code per row (the 254 most frequent categories, then "other"), so the matrices stay a
 * column or 33 wide for it; the row shows the peak beside 1e's (the same file without the
 * column). No peer, no target: the issue asks for the figure.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '../../shared/automl/util/random.js';
import type { FigureRows } from '../report.js';
import { runAlmTrain, type AlmTrainRun } from '../support/almTrainRun.js';
import { FailureLog, type BenchContext } from '../support/context.js';
import { readText, type MainDataset } from '../support/mainDataset.js';
import { fmtMiB } from './trainPeakMemory.js';

const CATEGORIES = 5000;

/** The main dataset's CSV with a `merchant` column of CATEGORIES seeded categories appended. */
function withMerchantColumn(main: MainDataset, seed: number): string {
  const random = createRandom(seed);
  const lines = readText(main.path).split(/\r?\n/).filter((line) => line !== '');
  const out = [`${lines[0]},merchant`];
  for (let i = 1; i < lines.length; i++) out.push(`${lines[i]},merchant_${Math.floor(random() * CATEGORIES)}`);
  return `${out.join('\n')}\n`;
}

export function highCardinalityMemory(ctx: BenchContext, main: MainDataset | undefined, plain: AlmTrainRun | undefined): FigureRows {
  const log = new FailureLog();
  const csv =
    main &&
    log.attempt('write the 5,000-category CSV', () => {
      const path = join(ctx.workDir, 'main-with-merchant.csv');
      writeFileSync(path, withMerchantColumn(main, ctx.seed));
      return path;
    });
  const cli = csv === undefined ? undefined : log.attempt('alm train (5,000-category CSV)', () => runAlmTrain(ctx, csv, 'alm-train-merchant'));
  const row = {
    label: `1f alm train peak RSS, the same + a ${CATEGORIES.toLocaleString('en-US')}-category text column (1e without it: ${plain?.maxRssBytes ? fmtMiB(plain.maxRssBytes) : 'n/a'})`,
    ours: cli?.maxRssBytes,
    peer: null,
    format: fmtMiB,
  };
  return { rows: [row], failures: log.failures };
}
