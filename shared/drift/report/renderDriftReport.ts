import type { ColumnDrift, DriftResult } from '../driftResult.js';
import { columnTable, driftVerdict } from './columnTable.js';
import { escapeHtml } from './escapeHtml.js';
import { formatShare } from './formatValue.js';
import { histogramSvg } from './histogramSvg.js';

/**
 * What a report is drawn from. The decision is the engine's (`{action, reasons}`; a
 * `DriftDecision` fits), left out when the check ran without one. `window` is the current
 * window's ISO bounds, null when the current data is not a time window (a CSV). `generated_at` is
 * given by the caller: the renderer reads no clock.
 */
export interface DriftReportInput {
  readonly result: DriftResult;
  readonly decision?: { readonly action: string; readonly reasons: readonly string[] };
  readonly title: string;
  readonly model_version: string;
  readonly reference_rows: number;
  readonly current_rows: number;
  readonly window: { readonly from: string; readonly to: string } | null;
  readonly generated_at: string;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:0 0 4px}
.meta{color:#555;margin:0 0 16px}dl.summary{display:grid;grid-template-columns:max-content auto;gap:4px 16px}
dt{font-weight:600}dd{margin:0}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}
th{background:#f2f2f2}td.drift,.yes{color:#b00020;font-weight:600}td.ok{color:#2e7d32}td.insufficient{color:#8a6d00}
section.column,section.prediction{display:inline-block;vertical-align:top;margin:0 16px 16px 0}
section p{margin:0 0 4px;color:#555;font-size:12px}`;

/**
 * The drift report as ONE self-contained HTML document: an inline `<style>`, no script, no
 * external resource. It shows a summary (dataset drift, the share and number of drifted columns,
 * rows, window, the decision and its reasons), a table with one row per column, then one
 * `<section class="column" data-column="…">` per column, in the result's order, each holding one
 * `<svg class="histogram">`; the prediction drift, when present, gets its own one-row table and a
 * `<section class="prediction">`. Every string from the input is escaped. Pure.
 */
export function renderDriftReport(input: DriftReportInput): string {
  const { result } = input;
  const columns = Object.entries(result.columns);
  const body = [
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p class="meta">model ${escapeHtml(input.model_version)} · generated ${escapeHtml(input.generated_at)}</p>`,
    summary(input),
    '<h2>Columns</h2>',
    columnTable('columns', columns),
    ...(result.prediction_drift ? ['<h2>Prediction drift</h2>', columnTable('prediction', [['prediction', result.prediction_drift]])] : []),
    '<h2>Histograms</h2>',
    '<p class="meta">Reference and current, each as shares of its own rows, overlaid.</p>',
    ...columns.map(([name, column]) => histogramSection('column', name, column)),
    ...(result.prediction_drift ? [histogramSection('prediction', 'prediction', result.prediction_drift)] : []),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

function summary(input: DriftReportInput): string {
  const { result, decision } = input;
  const window = input.window ? `${input.window.from} – ${input.window.to}` : 'none (all current rows)';
  const entry = (term: string, html: string) => `<dt>${term}</dt><dd>${html}</dd>`;
  const yesNo = (flag: boolean) => (flag ? '<span class="yes">yes</span>' : 'no');
  const entries = [
    entry('Dataset drift', yesNo(result.dataset_drift)),
    entry(
      'Drifted columns',
      `${result.number_of_drifted_columns} of ${result.number_of_columns} (share ${formatShare(result.drift_share)})`,
    ),
    ...(result.prediction_drift ? [entry('Prediction drift', escapeHtml(driftVerdict(result.prediction_drift)))] : []),
    entry('Rows', `reference ${input.reference_rows}, current ${input.current_rows}`),
    entry('Window', escapeHtml(window)),
  ];
  if (decision) {
    const reasons = decision.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('');
    entries.push(entry('Decision', `<strong class="decision">${escapeHtml(decision.action)}</strong><ul class="reasons">${reasons}</ul>`));
  } else {
    entries.push(entry('Decision', 'none (no model)'));
  }
  return `<h2>Summary</h2>\n<dl class="summary">${entries.join('')}</dl>`;
}

function histogramSection(kind: 'column' | 'prediction', name: string, column: ColumnDrift): string {
  const attribute = kind === 'column' ? ` data-column="${escapeHtml(name)}"` : '';
  const note = `${column.type} · ${column.stattest} · ${driftVerdict(column)}`;
  return (
    `<section class="${kind}"${attribute}><h3>${escapeHtml(name)}</h3><p>${escapeHtml(note)}</p>` +
    `${histogramSvg(name, column.histogram)}</section>`
  );
}
