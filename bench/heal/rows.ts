/**
 * The heal benchmark's table, in the bench/report.ts manner (one row per figure, its target and
 * whether it is met): figure | ours | target | ok, `ok` PASS / FAIL (n/a when the step failed or
 * the figure has no target). Pure: it formats, it measures nothing.
 */
import { formatTable } from '../../cli/formatTable.js';
import type { ResultRow } from '../support/benchResults.js';

export interface HealRow {
  readonly label: string;
  /** undefined: the step that measures it failed. */
  readonly value: string | undefined;
  readonly target: string;
  /** undefined: no target, or nothing to judge. */
  readonly pass: boolean | undefined;
}

export function row(label: string, value: string | undefined, target = '—', pass?: boolean): HealRow {
  return { label, value, target, pass: value === undefined ? undefined : pass };
}

const okCell = (r: HealRow): string => (r.pass === undefined ? (r.target === '—' ? '—' : 'n/a') : r.pass ? 'PASS' : 'FAIL');

export function formatHealTable(rows: readonly HealRow[]): string {
  return formatTable(['figure', 'ours', 'target', 'ok'], rows.map((r) => [r.label, r.value ?? 'failed', r.target, okCell(r)]));
}

/** A row's cells for `npm run bench` (no peer: the loop is ours alone). */
export function healCells(r: HealRow): ResultRow {
  const ok = okCell(r);
  return { figure: r.label, ours: r.value ?? 'failed', peer: '—', ratio: '—', target: r.target, ok: ok === 'PASS' ? 'yes' : ok === 'FAIL' ? 'NO' : ok };
}

export const seconds = (v: number) => `${v.toFixed(1)} s`;
