import { createRandom, type Random } from '../../shared/automl/util/random.js';

/**
 * Generated tabular data with a known answer, for the generality tests of the AutoML engine:
 * each generator plants one effect (a feature the engine must keep, or a key it must drop) and
 * returns CSV text. Deterministic for a seed.
 */

/** A Bernoulli draw of the logistic of `z`. */
function label(random: Random, z: number): number {
  return random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}

function csv(header: string[], rows: (string | number)[][]): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

/**
 * `amount_cents`: distinct integer amounts in random order (a measure, not a key) that drive the
 * label, beside a sequential `customer_id` (1..n, shuffled) and a noise column.
 */
export function amountsCsv(rows: number, seed = 1): string {
  const random = createRandom(seed);
  const ids = Array.from({ length: rows }, (_, i) => i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const used = new Set<number>();
  const out = ids.map((id) => {
    let cents = 0;
    do cents = 100 + Math.floor(random() * 5_000_000);
    while (used.has(cents));
    used.add(cents);
    return [id, cents, (random() * 10).toFixed(3), label(random, (cents - 2_500_000) / 500_000)];
  });
  return csv(['customer_id', 'amount_cents', 'noise', 'label'], out);
}

/** `has_coupon`: "yes" or empty, whose presence is most of the signal; `x` a weak numeric. */
export function couponFlagCsv(rows: number, seed = 2): string {
  const random = createRandom(seed);
  const out = Array.from({ length: rows }, () => {
    const coupon = random() < 0.4;
    const x = random() * 2 - 1;
    return [coupon ? 'yes' : '', x.toFixed(4), label(random, (coupon ? 2 : -2) + 0.5 * x)];
  });
  return csv(['has_coupon', 'x', 'label'], out);
}

/**
 * `income` is missing for half the positives and a tenth of the negatives (defaulters leave it
 * blank); `score` carries a moderate signal. With `randomizeMissing`, the same number of
 * `income` cells are blanked at random rows instead, which removes the signal of missingness.
 */
export function informativeMissingCsv(rows: number, randomizeMissing: boolean, seed = 3): string {
  const random = createRandom(seed);
  const base = Array.from({ length: rows }, () => {
    const y = random() < 0.3 ? 1 : 0;
    const score = (y ? 0.6 : 0) + random() * 2;
    const income = 30 + random() * 70 - (y ? 5 : 0);
    const blank = random() < (y ? 0.5 : 0.1);
    return { y, score, income, blank };
  });
  if (randomizeMissing) {
    const count = base.filter((r) => r.blank).length;
    base.forEach((r) => (r.blank = false));
    const order = base.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order.slice(0, count)) base[i].blank = true;
  }
  return csv(['score', 'income', 'default'], base.map((r) => [r.score.toFixed(4), r.blank ? '' : r.income.toFixed(2), r.y]));
}

/**
 * `merchant`: 600 categories of about equal frequency, each with its own effect on the label
 * (N(0, 1.5²)-like), beside a weak numeric `x`. With `dropMerchant`, the column is left out.
 */
export function manyCategoriesCsv(rows: number, dropMerchant: boolean, seed = 4): string {
  const random = createRandom(seed);
  const effects = Array.from({ length: 600 }, () => 1.5 * (random() + random() + random() - 1.5) * 2);
  const out = Array.from({ length: rows }, () => {
    const m = Math.floor(random() * 600);
    const x = random() * 2 - 1;
    const y = label(random, effects[m] + 0.5 * x);
    return dropMerchant ? [x.toFixed(4), y] : [`m${String(m).padStart(3, '0')}x${m % 7}`, x.toFixed(4), y];
  });
  return csv(dropMerchant ? ['x', 'label'] : ['merchant', 'x', 'label'], out);
}
