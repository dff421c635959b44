/**
 * The benchmark's figures and their table: what one row holds (ours, peer, target), how its
 * cells are formatted, and the report printed on stdout (figure | ours | peer | ratio ours/peer |
 * target | ok, then the peer versions and the failures). Pure: it formats, it measures nothing.
 */
import { formatTable } from '../cli/formatTable.js';
import type { ResultRow } from './support/benchResults.js';

/** A peer figure: measured in this run, or read from reference.json. */
export interface PeerValue {
  readonly value: number;
  readonly from: 'run' | 'ref';
}

/** A target on our figure or on the ratio ours/peer. */
export interface Target {
  readonly on: 'ours' | 'ratio';
  readonly op: '>=' | '<=' | '<';
  readonly value: number;
  readonly text: string;
}

/**
 * One row. `ours` undefined: our measurement failed. `peer` undefined: the peer is unavailable;
 * null: the figure has no peer.
 */
export interface Figure {
  readonly label: string;
  readonly ours: number | undefined;
  readonly peer: PeerValue | undefined | null;
  readonly format: (value: number) => string;
  readonly target?: Target;
}

/** What a figure module returns: its rows, and the failures it met (each `what: message`). */
export interface FigureRows {
  readonly rows: readonly Figure[];
  readonly failures: readonly string[];
}

export const atLeast = (value: number, text = `≥ ${value}`): Target => ({ on: 'ours', op: '>=', value, text });
export const atMost = (value: number, text = `≤ ${value}`): Target => ({ on: 'ours', op: '<=', value, text });
export const below = (value: number, text = `< ${value}`): Target => ({ on: 'ours', op: '<', value, text });
export const ratioAtMost = (value: number): Target => ({ on: 'ratio', op: '<=', value, text: `ratio ≤ ${value}` });

export const fmtScore = (v: number) => v.toFixed(4);
export const fmtSeconds = (v: number) => `${v < 10 ? v.toFixed(3) : v.toFixed(1)} s`;
export const fmtMicros = (v: number) => `${v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0)} µs`;
export const fmtRate = (v: number) => `${(v / 1e6).toFixed(2)} M rows/s`;

function ratioOf(figure: Figure): number | undefined {
  if (figure.ours === undefined || !figure.peer || figure.peer.value === 0) return undefined;
  return figure.ours / figure.peer.value;
}

function verdict(figure: Figure): string {
  const target = figure.target;
  if (!target) return '—';
  const value = target.on === 'ours' ? figure.ours : ratioOf(figure);
  if (value === undefined) return 'n/a';
  const pass = target.op === '>=' ? value >= target.value : target.op === '<=' ? value <= target.value : value < target.value;
  return pass ? 'yes' : 'NO';
}

function peerCell({ peer, format }: Figure): string {
  if (peer === null) return '—';
  if (peer === undefined) return 'peer unavailable';
  return peer.from === 'ref' ? `${format(peer.value)} (ref)` : format(peer.value);
}

/** A figure's cells as the table prints them. */
export function figureCells(figure: Figure): ResultRow {
  const ratio = ratioOf(figure);
  return {
    figure: figure.label,
    ours: figure.ours === undefined ? 'failed' : figure.format(figure.ours),
    peer: peerCell(figure),
    ratio: ratio === undefined ? '—' : ratio.toPrecision(3),
    target: figure.target?.text ?? '—',
    ok: verdict(figure),
  };
}

function tableRow(figure: Figure): string[] {
  const { figure: label, ours, peer, ratio, target, ok } = figureCells(figure);
  return [label, ours, peer, ratio, target, ok];
}

/**
 * The figures' table alone (figure | ours | <peer> | ratio ours/<peer> | target | ok), with the
 * peer column named `peerName` (default `peer`, as bench:train prints it).
 */
export function formatFigureTable(figures: readonly Figure[], peerName = 'peer'): string {
  const header = ['figure', 'ours', peerName, `ratio ours/${peerName}`, 'target', 'ok'];
  return formatTable(header, figures.map(tableRow));
}

/** The whole stdout report: the table, the peers line, and the failures if any. */
export function formatReport(figures: readonly Figure[], peerVersions: string | undefined, failures: readonly string[]): string {
  const lines = [
    formatFigureTable(figures),
    `peers: ${peerVersions ?? 'unavailable'}; (ref) = reference.json, measured on a machine of this kind`,
  ];
  if (failures.length > 0) lines.push(`failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  return `${lines.join('\n')}\n`;
}
