import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnDrift, DriftResult } from '../shared/drift/driftResult.js';
import { CURRENT_FILL, HISTOGRAM_HEIGHT, HISTOGRAM_WIDTH, REFERENCE_FILL } from '../shared/drift/report/histogramSvg.js';
import { renderDriftReport } from '../shared/drift/report/renderDriftReport.js';
import { FIXTURE_COLUMNS, predictionDrift, reportInput, tenColumnResult } from './support/reportFixtures.js';
import { EPSILON, inside, PNG_SIGNATURE, positive, rgb, type Box } from './support/layoutGeometry.js';
import { renderOnce } from './support/renderedPage.js';

const ROOT = join(import.meta.dirname, '..');
const SCREENSHOT = join(ROOT, 'artifacts', 'drift-report.png');
const VIEWPORT_WIDTH = 1200;

interface DrawnBar {
  readonly bbox: Box;
  readonly box: Box;
  /** \`checkVisibility\` with opacity and visibility: rendered, not hidden, not transparent, ancestors included. */
  readonly visible: boolean;
  readonly fill: string;
  readonly fillOpacity: string;
  /** What `elementFromPoint` finds at the bar's centre is a bar of the same histogram. */
  readonly hit: boolean;
}

interface DrawnHistogram {
  readonly box: Box;
  readonly visible: boolean;
  readonly reference: DrawnBar[];
  readonly current: DrawnBar[];
  readonly axis: Box | null;
  readonly labels: { readonly text: string; readonly bbox: Box }[];
}

interface DrawnSection {
  readonly kind: 'column' | 'prediction';
  readonly name: string | null;
  readonly heading: string;
  readonly note: string;
  readonly box: Box;
  readonly histograms: number;
  readonly histogram: DrawnHistogram | null;
}

interface DrawnPage {
  readonly sections: DrawnSection[];
  readonly resources: number;
  readonly decision: { readonly text: string; readonly box: Box } | null;
  readonly predictionRow: string[] | null;
}

/**
 * Runs in the page: for every histogram section, its svg's box and visibility and the box, bbox,
 * visibility, computed fill and hit test of each bar (reference and current by their fill), the
 * axis path's bbox (null when it is not shown) and the bin labels'. Plain JavaScript, as Chromium receives it.
 */
const MEASURE = `(() => {
  const box = (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const shown = (element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
  const bar = (svg, rect) => {
    const client = rect.getBoundingClientRect();
    const style = getComputedStyle(rect);
    const hit = document.elementFromPoint(client.x + client.width / 2, client.y + client.height / 2);
    return {
      bbox: box(rect.getBBox()), box: box(client), visible: shown(rect), fill: style.fill, fillOpacity: style.fillOpacity,
      hit: hit !== null && hit.tagName === 'rect' && hit.parentElement.tagName === 'g' && svg.contains(hit),
    };
  };
  const histogram = (svg) => {
    if (!svg) return null;
    const axis = svg.querySelector(':scope > path');
    return {
      box: box(svg.getBoundingClientRect()),
      visible: shown(svg),
      reference: [...svg.querySelectorAll('g[fill="${REFERENCE_FILL}"] > rect')].map((rect) => bar(svg, rect)),
      current: [...svg.querySelectorAll('g[fill="${CURRENT_FILL}"] > rect')].map((rect) => bar(svg, rect)),
      axis: axis && shown(axis) ? box(axis.getBBox()) : null,
      labels: [...svg.querySelectorAll('text[transform^="rotate(-45"]')].map((text) => ({ text: text.textContent, bbox: box(text.getBBox()) })),
    };
  };
  const sections = [...document.querySelectorAll('section.column, section.prediction')].map((section) => ({
    kind: section.classList.contains('column') ? 'column' : 'prediction',
    name: section.getAttribute('data-column'),
    heading: section.querySelector('h3')?.textContent ?? '',
    note: section.querySelector('p')?.textContent ?? '',
    box: box(section.getBoundingClientRect()),
    histograms: section.querySelectorAll('svg.histogram').length,
    histogram: histogram(section.querySelector('svg.histogram')),
  }));
  const decision = document.querySelector('strong.decision');
  const row = document.querySelector('table.prediction tr[data-column]');
  return {
    sections,
    resources: performance.getEntriesByType('resource').length,
    decision: decision ? { text: decision.textContent, box: box(decision.getBoundingClientRect()) } : null,
    predictionRow: row ? [...row.cells].map((cell) => cell.textContent) : null,
  };
})()`;



const result: DriftResult = { ...tenColumnResult(), prediction_drift: predictionDrift() };
const html = renderDriftReport(reportInput(result));

/** The report, drawn once. */
const report = renderOnce<DrawnPage>({ html, name: 'drift-report', width: VIEWPORT_WIDTH, measure: MEASURE, screenshot: SCREENSHOT });

/** Asserts that one histogram is laid out at its size and that every bar with a share is drawn on the axis, in its fill. */
function expectDrawn(section: DrawnSection | undefined, column: ColumnDrift): DrawnHistogram {
  expect(section, 'the section is in the page').toBeDefined();
  expect(section!.histograms).toBe(1);
  const histogram = section!.histogram!;
  expect(histogram.visible).toBe(true);
  expect(histogram.box.width).toBeCloseTo(HISTOGRAM_WIDTH, 0);
  expect(histogram.box.height).toBeCloseTo(HISTOGRAM_HEIGHT, 0);
  expect(inside(histogram.box, section!.box)).toBe(true);

  const axis = histogram.axis;
  expect(axis !== null && positive(axis), 'the axis path has a positive bbox').toBe(true);
  const baseline = axis!.y + axis!.height;
  const sides = [
    ['reference', histogram.reference, column.histogram.reference, REFERENCE_FILL],
    ['current', histogram.current, column.histogram.current, CURRENT_FILL],
  ] as const;
  for (const [side, bars, counts, fill] of sides) {
    expect(bars, `${side}: one bar per bin with a count`).toHaveLength(counts.filter((c) => c > 0).length);
    for (const bar of bars) {
      expect(positive(bar.bbox) && positive(bar.box), `${side} bar has a positive size: ${JSON.stringify(bar.bbox)}`).toBe(true);
      expect(bar.visible, `${side} bar is rendered, visible and not transparent`).toBe(true);
      expect(inside(bar.box, histogram.box), `${side} bar lies inside its svg`).toBe(true);
      expect(Math.abs(bar.bbox.y + bar.bbox.height - baseline), `${side} bar stands on the axis`).toBeLessThan(EPSILON);
      expect([bar.fill, bar.fillOpacity]).toEqual([rgb(fill), '0.5']);
      // A bar under a pixel high may lose the hit test to its neighbour's edge; taller ones must win it.
      if (bar.box.height >= 1) expect(bar.hit, `${side} bar at x=${bar.box.x} is what the page shows at its centre`).toBe(true);
    }
  }
  const tallest = Math.max(...[...histogram.reference, ...histogram.current].map((bar) => bar.bbox.height));
  expect(Math.abs(tallest - axis!.height), 'the largest share fills the plot height').toBeLessThan(EPSILON);
  expect(histogram.labels.length).toBeGreaterThan(0);
  expect(histogram.labels.every((label) => positive(label.bbox)), 'every bin label is laid out').toBe(true);
  return histogram;
}

describe('the drift report in headless Chromium', () => {
  it('loads no resource besides its own file and logs no error', () => {
    const { url, page, drawn } = report();
    expect(page.requests).toEqual([url]);
    expect(drawn.resources).toBe(0);
    expect(page.errors).toEqual([]);
  });

  it('draws one section per column, in order, then the prediction', () => {
    const { drawn } = report();
    expect(drawn.sections.map((s) => [s.kind, s.name])).toEqual([
      ...FIXTURE_COLUMNS.map((name) => ['column', name]),
      ['prediction', null],
    ]);
    expect(drawn.sections.every((s) => positive(s.box))).toBe(true);
  });

  it.each(FIXTURE_COLUMNS)('draws the histogram of %s', (name) => {
    const section = report().drawn.sections.find((s) => s.kind === 'column' && s.name === name);
    const column = result.columns[name];
    expectDrawn(section, column);
    expect(section!.heading).toBe(name);
    expect(section!.note).toContain(`${column.type} · ${column.stattest}`);
  });

  it('draws the unseen category of smoking_history as a last bin with a current bar only', () => {
    const histogram = expectDrawn(report().drawn.sections.find((s) => s.name === 'smoking_history'), result.columns.smoking_history);
    const lastCurrent = Math.max(...histogram.current.map((bar) => bar.box.x));
    expect(histogram.reference.every((bar) => bar.box.x < lastCurrent - EPSILON)).toBe(true);
    expect(histogram.labels.map((label) => label.text)).toContain('vaping (unseen)');
  });

  it('draws the insufficient_data column (income) and says so', () => {
    const section = report().drawn.sections.find((s) => s.name === 'income');
    expectDrawn(section, result.columns.income);
    expect(section!.note).toContain('insufficient data');
  });

  it('draws the prediction histogram, its table row and the decision', () => {
    const { drawn } = report();
    expectDrawn(drawn.sections.find((s) => s.kind === 'prediction'), result.prediction_drift!);
    expect(drawn.predictionRow).toEqual(['prediction', 'numeric', 'wasserstein', '0.1822', '0.1', '—', 'drift', '0.0% / 2.5%']);
    expect(drawn.decision?.text).toBe('retrain');
    expect(positive(drawn.decision!.box)).toBe(true);
  });

  it('saves a full-page PNG screenshot to artifacts/drift-report.png', () => {
    const { drawn } = report();
    const png = readFileSync(SCREENSHOT);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10 * 1024);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR, the first chunk: width and height, big-endian, at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(VIEWPORT_WIDTH);
    const bottom = Math.max(...drawn.sections.map((s) => s.box.y + s.box.height));
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor(bottom));
  });
});
