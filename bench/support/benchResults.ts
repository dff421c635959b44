/**
 * What one bench hands to `npm run bench` (bench/all-bench.ts): the cells of its table as it
 * prints them, its failures and the machine line, written as JSON to the file named by env
 * `ALM_BENCH_RESULTS` (nothing is written when it is unset, as when a bench runs alone).
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';

export const ResultRowSchema = z.object({
  figure: z.string(),
  ours: z.string(),
  peer: z.string(),
  ratio: z.string(),
  target: z.string(),
  ok: z.string(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

export const BenchResultsSchema = z.object({
  /** The peer column's name in this bench (e.g. "LightGBM / scikit-learn", "scipy"). */
  peer: z.string(),
  rows: z.array(ResultRowSchema),
  failures: z.array(z.string()),
  /** Free lines printed under the table: the machine, the load. */
  notes: z.array(z.string()),
});
export type BenchResults = z.infer<typeof BenchResultsSchema>;

export const RESULTS_ENV = 'ALM_BENCH_RESULTS';

export function saveBenchResults(results: BenchResults): void {
  const path = process.env[RESULTS_ENV];
  if (path) writeFileSync(path, `${JSON.stringify(BenchResultsSchema.parse(results))}\n`);
}
