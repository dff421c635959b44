import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../shared/drift/report/escapeHtml.js';
import { MAX_BIN_LABELS, histogramSvg, labelledBins } from '../shared/drift/report/histogramSvg.js';
import { renderDriftReport } from '../shared/drift/report/renderDriftReport.js';
import {
  FIXTURE_COLUMNS, IMG_CATEGORY, SCRIPT_NAME, bellCounts, hostileResult, predictionDrift, rangeLabels, reportInput, tenColumnResult,
} from './support/reportFixtures.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
const between = (html: string, open: string, close: string) => html.slice(html.indexOf(open), html.indexOf(close, html.indexOf(open)));

/** The column sections, each from its opening tag to its closing one. */
const sections = (html: string, kind: 'column' | 'prediction') => html.match(new RegExp(`<section class="${kind}"[\\s\\S]*?</section>`, 'g')) ?? [];

/** The rows of one table as `[data-column, ...cell texts]`. */
function tableRows(html: string, className: string): string[][] {
  const table = between(html, `<table class="${className}">`, '</table>');
  return [...table.matchAll(/<tr data-column="([^"]*)">([\s\S]*?)<\/tr>/g)].map((row) => [
    row[1],
    ...[...row[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]),
  ]);
}

describe('escapeHtml', () => {
  it('escapes & < > " and \' and leaves other text alone', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeHtml('plain – ünïcode')).toBe('plain – ünïcode');
  });
});

describe('histogramSvg', () => {
  it('is an img with an aria-label naming the column, with a legend', () => {
    const svg = histogramSvg('age', { bins: ['a', 'b'], reference: [1, 2], current: [2, 1] });
    expect(svg).toMatch(/^<svg class="histogram" role="img" aria-label="Histogram of age[^"]*" width="480" height="220"/);
    expect(svg).toContain('>reference</text>');
    expect(svg).toContain('>current</text>');
  });

  it('normalizes both sides to shares: the same shape at different sizes draws the same bars', () => {
    const svg = histogramSvg('x', { bins: ['a', 'b', 'c'], reference: [100, 300, 600], current: [1, 3, 6] });
    const groups = [...svg.matchAll(/<g fill="#[0-9a-f]+" fill-opacity="0.5">(.*?)<\/g>/g)].map((m) => m[1]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toBe(groups[1]);
    expect(count(groups[0], /<rect /g)).toBe(3);
  });

  it('draws at most 12 bin labels for 30 bins, the first and the last among them', () => {
    expect(labelledBins(30)).toHaveLength(MAX_BIN_LABELS);
    expect(labelledBins(30)).toEqual(expect.arrayContaining([0, 29]));
    expect(labelledBins(5)).toEqual([0, 1, 2, 3, 4]);
    const bins = rangeLabels(30, 0, 1);
    const svg = histogramSvg('x', { bins, reference: bellCounts(30, 1000), current: bellCounts(30, 10) });
    expect(count(svg, /text-anchor="end">\[/g)).toBe(MAX_BIN_LABELS);
  });

  it('writes every number with at most 1 decimal', () => {
    const svg = histogramSvg('x', { bins: rangeLabels(7, 0, 1), reference: [1, 3, 7, 11, 13, 17, 19], current: [3, 1, 4, 1, 5, 9, 2] });
    const attributes = [...svg.matchAll(/="([^"]*)"/g)].map((m) => m[1]).join(' ');
    expect(attributes).not.toMatch(/\d\.\d\d/);
  });
});

describe('renderDriftReport', () => {
  const html = renderDriftReport(reportInput(tenColumnResult()));

  it('has exactly one column section per column, in order, each with one histogram svg', () => {
    const found = sections(html, 'column');
    expect(found.map((s) => s.match(/data-column="([^"]*)"/)?.[1])).toEqual([...FIXTURE_COLUMNS]);
    expect(found.every((s) => count(s, /<svg class="histogram"/g) === 1)).toBe(true);
    expect(count(html, /<svg /g)).toBe(10);
    expect(sections(html, 'prediction')).toHaveLength(0);
  });

  it('adds one prediction section with its svg and a prediction table row when prediction_drift is given', () => {
    const withPrediction = renderDriftReport(reportInput({ ...tenColumnResult(), prediction_drift: predictionDrift() }));
    expect(sections(withPrediction, 'column')).toHaveLength(10);
    expect(sections(withPrediction, 'prediction')).toHaveLength(1);
    expect(count(withPrediction, /<svg class="histogram"/g)).toBe(11);
    expect(tableRows(withPrediction, 'prediction')).toEqual([['prediction', 'prediction', 'numeric', 'wasserstein', '0.1822', '0.1', '—', 'drift', '0.0% / 2.5%']]);
    expect(between(withPrediction, '<dl class="summary">', '</dl>')).toContain('<dt>Prediction drift</dt><dd>drift</dd>');
  });

  it('states dataset drift, the share of drifted columns and the decision with its reasons in the summary', () => {
    const summary = between(html, '<dl class="summary">', '</dl>');
    expect(summary).toContain('<dt>Dataset drift</dt><dd>no</dd>');
    expect(summary).toContain('4 of 10 (share 40.0%)');
    expect(summary).toContain('<strong class="decision">retrain</strong>');
    expect(summary).toContain('<li>drift in top feature HbA1c_level</li><li>drift in top feature age</li>');
    const without = renderDriftReport(reportInput(tenColumnResult(), { decision: undefined }));
    expect(between(without, '<dl class="summary">', '</dl>')).toContain('<dt>Decision</dt><dd>none (no model)</dd>');
  });

  it('has one table row per column with its test, statistic, threshold, p-value, drift and missing shares', () => {
    const rows = tableRows(html, 'columns');
    expect(rows.map((row) => row[0])).toEqual([...FIXTURE_COLUMNS]);
    const byName = Object.fromEntries(rows.map((row) => [row[0], row.slice(1)]));
    expect(byName.age).toEqual(['age', 'numeric', 'wasserstein', '0.1534', '0.1', '—', 'drift', '0.0% / 2.5%']);
    expect(byName.HbA1c_level).toEqual(['HbA1c_level', 'numeric', 'ks', '0.2124', '0.05', '0.000312', 'drift', '0.0% / 2.5%']);
    expect(byName.income).toEqual(['income', 'numeric', 'ks', '—', '0.05', '—', 'insufficient data', '0.0% / 2.5%']);
    expect(byName.smoking_history).toEqual(['smoking_history', 'categorical', 'jensenshannon', '0.4102', '0.1', '—', 'drift', '1.0% / 0.0%']);
    expect(byName.region).toEqual(['region', 'categorical', 'chisquare', '98.76', '0.05', '1.2e-18', 'drift', '1.0% / 0.0%']);
    expect(byName.hypertension).toEqual(['hypertension', 'categorical', 'z', '1.204', '0.05', '0.2286', 'no drift', '1.0% / 0.0%']);
  });

  it('draws the unseen category as its own bin, with a current bar only', () => {
    const section = sections(html, 'column').find((s) => s.includes('data-column="smoking_history"')) ?? '';
    expect(section).toContain('>vaping (unseen)</text>');
    const [reference, current] = [...section.matchAll(/fill-opacity="0.5">(.*?)<\/g>/g)].map((m) => count(m[1], /<rect /g));
    expect([reference, current]).toEqual([6, 7]);
  });

  it('stays within 200 KB for 10 columns of 30 bins each, with prediction drift', () => {
    const wide = tenColumnResult();
    for (const column of Object.values(wide.columns)) {
      column.histogram = { bins: rangeLabels(30, 1000, 1234.5678), reference: bellCounts(30, 50_000), current: bellCounts(30, 2_000, 0.6) };
    }
    const size = Buffer.byteLength(renderDriftReport(reportInput({ ...wide, prediction_drift: predictionDrift() })), 'utf8');
    expect(size).toBeLessThanOrEqual(200 * 1024);
  });

  it('is self-contained: no script, no stylesheet link, no external src, href or url()', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(count(html, /<style>/g)).toBe(1);
  });

  it('escapes column names, categories, bin labels, stattests, reasons and the title', () => {
    const hostile = renderDriftReport(
      reportInput(hostileResult(), { title: SCRIPT_NAME, model_version: IMG_CATEGORY, decision: { action: 'keep', reasons: [IMG_CATEGORY, SCRIPT_NAME] } }),
    );
    expect(hostile).not.toMatch(/<script/i);
    expect(hostile).not.toMatch(/<img/i);
    // Outside the escaped text (escaped markup `&lt;…&gt;` and quoted attribute values) no handler is left.
    const unescaped = hostile.replace(/&lt;[\s\S]*?&gt;/g, '').replace(/="[^"]*"/g, '=""');
    expect(unescaped).not.toMatch(/onerror=/i);
    expect([...hostile.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0].replace(/="[^"]*"/g, '=""')).filter((tag) => /\son\w+=/i.test(tag))).toEqual([]);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('data-column="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(hostile).toContain('<td>chi&lt;script&gt;</td>');
    expect(sections(hostile, 'column')).toHaveLength(2);
  });
});
