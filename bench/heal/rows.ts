/**
 * The heal benchmark's table, in the bench/report.ts manner (one row per figure, its target and
 * whether it is met): figure | ours | target | ok, `ok` PASS / FAIL (n/a when the step failed or
 * the figure has no target). Pure: it formats, it measures nothing.
 */
import { formatTable } from '../../cli/formatTable.js';

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

export function formatHealTable(rows: readonly HealRow[]): string {
  return formatTable(
    ['figure', 'ours', 'target', 'ok'],
    rows.map((r) => [r.label, r.value ?? 'failed', r.target, r.pass === undefined ? (r.target === '—' ? '—' : 'n/a') : r.pass ? 'PASS' : 'FAIL']),
  );
}

export const seconds = (v: number) => `${v.toFixed(1)} s`;
