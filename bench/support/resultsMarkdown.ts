/**
 * The markdown of `bench/results.md` (bench/all-bench.ts): one table of every bench's figures,
 * a `bench` column naming where each row comes from, then per bench when and where it ran, its
 * notes and failures. Each bench's section is also kept as JSON (`bench/results/<name>.json`,
 * `BenchSectionSchema`), so `npm run bench -- --only drift` reruns one bench and the document
 * still shows the others' last figures, each under its own date and commit. Cells are the
 * benches' own text with `|` escaped and line breaks flattened. Pure: it formats.
 */
import { z } from 'zod';
import { BenchResultsSchema } from './benchResults.js';

/** When and where one bench ran. */
export const BenchRunSchema = z.object({
  date: z.string(),
  commit: z.string(),
  machine: z.string(),
});
export type BenchRun = z.infer<typeof BenchRunSchema>;

/** One bench's outcome: its results, or why there are none (`problem`); no `run` when it never ran. */
export const BenchSectionSchema = z.object({
  name: z.string(),
  covers: z.string(),
  seconds: z.number(),
  results: BenchResultsSchema.optional(),
  problem: z.string().optional(),
  run: BenchRunSchema.optional(),
});
export type BenchSection = z.infer<typeof BenchSectionSchema>;

export const README_START = '<!-- bench-results:start -->';
export const README_END = '<!-- bench-results:end -->';

const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function tableOf(sections: readonly BenchSection[]): string {
  const lines = ['| bench | figure | ours | peer | ratio ours/peer | target | ok |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const section of sections) {
    if (!section.results) {
      lines.push(`| ${section.name} | **failed**: ${cell(section.problem ?? 'no results')} | — | — | — | — | NO |`);
      continue;
    }
    const peer = section.results.peer;
    for (const row of section.results.rows) {
      const peerCell = row.peer === '—' || peer === 'peer' || peer === '—' ? row.peer : `${row.peer} (${peer})`;
      lines.push(`| ${section.name} | ${[row.figure, row.ours, peerCell, row.ratio, row.target, row.ok].map(cell).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The whole document and the table alone (for the README). */
export function markdownResults(sections: readonly BenchSection[]): { document: string; table: string } {
  const table = tableOf(sections);
  const runs = sections.map((s) => (s.run ? `bench:${s.name} ${s.run.date.slice(0, 16).replace('T', ' ')} UTC at ${s.run.commit}` : `bench:${s.name} not run`));
  const parts = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (${runs.join('; ')}). Runs on a shared machine: ` +
      'each peer was measured in the same run, beside ours, at equal work, unless marked "(ref)" (reference.json, measured on a machine of this kind).',
    '',
    table,
    '',
    '## Per bench',
    '',
  ];
  for (const section of sections) {
    parts.push(`### bench:${section.name} (${section.seconds.toFixed(0)} s)`, '', `Covers ${section.covers}.`, '');
    if (section.run) parts.push(`- ran ${section.run.date} at commit ${section.run.commit}; ${section.run.machine}`);
    if (section.results) {
      for (const note of section.results.notes) parts.push(`- ${note}`);
      for (const failure of section.results.failures) parts.push(`- failed: ${failure}`);
    } else {
      parts.push(`- failed: ${section.problem ?? 'no results'}`);
    }
    parts.push('');
  }
  return { document: `${parts.join('\n')}`, table };
}

/** `text` with what lies between the README markers replaced by `table`; unchanged (markers absent) otherwise. */
export function replaceBetweenMarkers(text: string, table: string): string {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return text;
  return `${text.slice(0, start + README_START.length)}\n${table}\n${text.slice(end)}`;
}
