import { describe, expect, it } from 'vitest';
import { BenchResultsSchema } from '../bench/support/benchResults.js';
import { markdownResults, README_END, README_START, replaceBetweenMarkers } from '../bench/support/resultsMarkdown.js';

const run = { date: '2026-12-01T23:00:00.000Z', commit: 'abc1234', machine: '2 cores' };
const older = { date: '2026-11-30T08:15:00.000Z', commit: 'def5678', machine: '2 cores, load 3' };
const drift = BenchResultsSchema.parse({
  peer: 'scipy',
  rows: [{ figure: '3a check | 100k rows', ours: '120 ms', peer: '480 ms', ratio: '0.250', target: '≤ 0.5 s', ok: 'yes' }],
  failures: ['ks peer: python3 missing'],
  notes: ['machine line'],
});

describe('bench/results.md', () => {
  it('puts every bench row in one table, escaping pipes, naming the peer, and lists a failed bench as failed', () => {
    const { document, table } = markdownResults(
      [
        { name: 'drift', covers: 'drift', seconds: 12, results: drift, run },
        { name: 'heal', covers: 'healing', seconds: 3, problem: 'it wrote no results (exit 1)', run: older },
      ],
    );
    const lines = table.split('\n');
    expect(lines[0]).toBe('| bench | figure | ours | peer | ratio ours/peer | target | ok |');
    expect(lines[2]).toBe('| drift | 3a check \\| 100k rows | 120 ms | 480 ms (scipy) | 0.250 | ≤ 0.5 s | yes |');
    expect(lines[3]).toBe('| heal | **failed**: it wrote no results (exit 1) | — | — | — | — | NO |');
    expect(lines).toHaveLength(4);
    // Each bench under its own date and commit: a bench rerun alone (--only) beside older ones.
    expect(document).toContain('bench:drift 2026-12-01 23:00 UTC at abc1234; bench:heal 2026-11-30 08:15 UTC at def5678');
    expect(document).toContain('- ran 2026-11-30T08:15:00.000Z at commit def5678; 2 cores, load 3');
    expect(document).toContain('- failed: ks peer: python3 missing');
    expect(document).toContain(table);
  });

  it('replaces only what lies between the README markers, and leaves a README without them unchanged', () => {
    const readme = `# x\n${README_START}\nold table\n${README_END}\nafter\n`;
    expect(replaceBetweenMarkers(readme, '| new |')).toBe(`# x\n${README_START}\n| new |\n${README_END}\nafter\n`);
    expect(replaceBetweenMarkers('# no markers\n', '| new |')).toBe('# no markers\n');
  });
});
