import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleViewSchema } from '../shared/console/consoleViewSchema.js';
import { renderConsole } from '../shared/console/renderConsole.js';
import { TIMELINE_KINDS } from '../shared/console/timelineSvg.js';
import { consoleFixture, emptyConsoleView, INJECTED, INJECTED_SUMMARY, ROLLBACK_REASON } from './support/consoleFixtures.js';
import { inside, PNG_SIGNATURE, positive, rgb, type Box } from './support/layoutGeometry.js';
import { renderOnce } from './support/renderedPage.js';

const ROOT = join(import.meta.dirname, '..');
const SCREENSHOT = join(ROOT, 'artifacts', 'console.png');
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'images', 'console.png');
const VIEWPORT_WIDTH = 1200;

interface DrawnMarker {
  readonly kind: string;
  readonly version: string;
  readonly at: string;
  readonly title: string;
  readonly shape: string;
  readonly fill: string;
  readonly box: Box;
  readonly visible: boolean;
  /** What `elementFromPoint` finds at the marker's centre is the marker or one of its children. */
  readonly hit: boolean;
}

interface DrawnSeries {
  readonly name: string;
  readonly polylines: number;
  /** The polyline's points, in user units (the viewBox's coordinates). */
  readonly points: { readonly x: number; readonly y: number }[];
  readonly polylineBox: Box;
  readonly circles: { readonly box: Box; readonly title: string; readonly hit: boolean }[];
}

interface DrawnPlot {
  readonly box: Box;
  readonly viewBox: Box;
  readonly visible: boolean;
  readonly series: DrawnSeries[];
}

interface DrawnPage {
  readonly timeline: { readonly box: Box; readonly markers: DrawnMarker[] } | null;
  readonly plots: Record<string, DrawnPlot | null>;
  readonly sections: { readonly id: string; readonly box: Box }[];
  readonly tableKinds: string[];
  readonly alertSummaries: string[];
  readonly reasons: string[];
  readonly bodyText: string;
  readonly counts: Record<string, number>;
  readonly refresh: string | null;
  readonly reportHref: string | null;
  readonly resources: number;
}

/** Runs in the page: the timeline markers, the plots' series, the tables' texts and what the page holds. Plain JavaScript. */
const MEASURE = `(() => {
  const box = (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const shown = (element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
  const hitAt = (client) => document.elementFromPoint(client.x + client.width / 2, client.y + client.height / 2);
  const timelineSvg = document.querySelector('svg.timeline');
  const marker = (g) => {
    const client = g.getBoundingClientRect();
    const shape = g.querySelector(':scope > :not(title)');
    const hit = hitAt(client);
    return {
      kind: g.dataset.kind, version: g.dataset.version, at: g.dataset.at, title: g.querySelector(':scope > title')?.textContent ?? '',
      shape: shape.tagName, fill: getComputedStyle(shape).fill, box: box(client), visible: shown(shape),
      hit: hit !== null && (hit === g || g.contains(hit)),
    };
  };
  const plot = (name) => {
    const svg = document.querySelector('svg.plot[data-plot="' + name + '"]');
    if (!svg) return null;
    const series = [...svg.querySelectorAll('g.series')].map((g) => {
      const polyline = g.querySelector('polyline');
      const list = polyline.points;
      return {
        name: g.dataset.series, polylines: g.querySelectorAll('polyline').length,
        points: Array.from({ length: list.numberOfItems }, (_, i) => ({ x: list.getItem(i).x, y: list.getItem(i).y })),
        polylineBox: box(polyline.getBoundingClientRect()),
        circles: [...g.querySelectorAll('circle.point')].map((circle) => {
          const client = circle.getBoundingClientRect();
          const hit = hitAt(client);
          return { box: box(client), title: circle.querySelector('title')?.textContent ?? '', hit: hit !== null && hit.matches('circle.point') && svg.contains(hit) };
        }),
      };
    });
    return { box: box(svg.getBoundingClientRect()), viewBox: box(svg.viewBox.baseVal), visible: shown(svg), series };
  };
  const texts = (selector) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
  const count = (selector) => document.querySelectorAll(selector).length;
  return {
    timeline: timelineSvg ? { box: box(timelineSvg.getBoundingClientRect()), markers: [...timelineSvg.querySelectorAll('g.timeline-event')].map(marker) } : null,
    plots: Object.fromEntries(['quality', 'request-rate', 'p95-latency', 'error-rate'].map((name) => [name, plot(name)])),
    sections: [...document.querySelectorAll('section.panel')].map((s) => ({ id: s.dataset.section, box: box(s.getBoundingClientRect()) })),
    tableKinds: [...document.querySelectorAll('tr.timeline-row')].map((row) => row.dataset.kind + ' ' + row.cells[1].textContent),
    alertSummaries: texts('tr.alert .summary'),
    reasons: texts('tr.timeline-row .reason'),
    bodyText: document.body.innerText,
    counts: {
      script: count('script'), link: count('link'), src: count('[src]'), srcset: count('[srcset]'),
      embedded: count('img, iframe, object, embed, video, audio, picture, source'), empty: count('[data-empty]'),
    },
    refresh: document.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content') ?? null,
    reportHref: document.querySelector('a.report-link')?.getAttribute('href') ?? null,
    resources: performance.getEntriesByType('resource').length,
  };
})()`;

const centreX = (box: Box) => box.x + box.width / 2;


const view = consoleFixture();
const html = renderConsole(view);

/** The page, drawn once; its screenshot is also the docs' image. */
const page = renderOnce<DrawnPage>({ html, name: 'console', width: VIEWPORT_WIDTH, measure: MEASURE, screenshot: SCREENSHOT, copies: [DOCS_SCREENSHOT] });

/** Asserts that a plot is laid out and draws one polyline per series through every point, inside its box and viewBox. */
function expectPlot(plot: DrawnPlot | null, expected: ReadonlyArray<readonly [string, number]>): DrawnPlot {
  expect(plot, 'the plot is in the page').not.toBeNull();
  expect(plot!.visible).toBe(true);
  expect(positive(plot!.box)).toBe(true);
  expect(plot!.series.map((s) => [s.name, s.points.length])).toEqual(expected);
  const { viewBox } = plot!;
  for (const series of plot!.series) {
    expect(series.polylines, `${series.name}: one polyline`).toBe(1);
    expect(series.circles, `${series.name}: one marker per point`).toHaveLength(series.points.length);
    for (const point of series.points) {
      expect(inside({ ...point, width: 0, height: 0 }, viewBox), `${series.name}: point ${JSON.stringify(point)} inside the viewBox`).toBe(true);
    }
    const xs = series.points.map((p) => p.x);
    expect(xs, `${series.name}: points run left to right`).toEqual([...xs].sort((a, b) => a - b));
    expect(inside(series.polylineBox, plot!.box), `${series.name}: the line lies inside its svg`).toBe(true);
    for (const circle of series.circles) {
      expect(positive(circle.box) && inside(circle.box, plot!.box), `${series.name}: point marker laid out inside the svg`).toBe(true);
      expect(circle.hit, `${series.name}: the point marker at x=${circle.box.x} is what the page shows there`).toBe(true);
      expect(circle.title.startsWith(`${series.name} · 2025-`)).toBe(true);
    }
  }
  return plot!;
}

describe('the console in headless Chromium', () => {
  it('loads nothing besides its own file, logs no error and holds no script, link or src', () => {
    const { url, page: opened, drawn } = page();
    expect(opened.requests).toEqual([url]);
    expect(drawn.resources).toBe(0);
    expect(opened.errors).toEqual([]);
    expect(drawn.counts).toMatchObject({ script: 0, link: 0, src: 0, srcset: 0, embedded: 0, empty: 0 });
  });

  it('reloads itself every refresh_seconds and links the latest report relatively', () => {
    const { drawn } = page();
    expect(drawn.refresh).toBe(String(view.refresh_seconds));
    expect(drawn.reportHref).toBe(`/reports/${view.drift!.report_id}`);
  });

  it('shows every section, in order, inside the 1200 px page', () => {
    const { drawn } = page();
    expect(drawn.sections.map((s) => s.id)).toEqual(['timeline', 'drift', 'decisions', 'quality', 'traffic', 'alerts']);
    for (const section of drawn.sections) {
      expect(positive(section.box)).toBe(true);
      expect(section.box.x + section.box.width).toBeLessThanOrEqual(VIEWPORT_WIDTH);
    }
  });

  it('draws one marker per timeline event, each visible inside the timeline and winning the hit test', () => {
    const { timeline } = page().drawn;
    expect(timeline, 'the timeline svg is in the page').not.toBeNull();
    expect(timeline!.markers.map((m) => [m.version, m.kind]).sort()).toEqual(view.timeline.map((e) => [e.version, e.kind]).sort());
    for (const marker of timeline!.markers) {
      const what = `${marker.version} ${marker.kind}`;
      expect(positive(marker.box), `${what}: positive size`).toBe(true);
      expect(marker.visible, `${what}: rendered and not transparent`).toBe(true);
      expect(inside(marker.box, timeline!.box), `${what}: inside the timeline svg`).toBe(true);
      expect(marker.hit, `${what}: the element at its centre is the marker`).toBe(true);
      const kind = TIMELINE_KINDS.find((k) => k.kind === marker.kind)!;
      expect(marker.fill, `${what}: coloured by kind`).toBe(rgb(kind.colour));
      const event = view.timeline.find((e) => e.version === marker.version && e.kind === marker.kind)!;
      expect(marker.title).toContain(`${event.version} · ${event.kind.replace('_', ' ')} · `);
      expect(marker.title).toContain(event.reason);
    }
    const looks = new Set(timeline!.markers.map((m) => `${m.shape} ${m.fill}`));
    expect(looks.size, 'each kind has its own shape and colour').toBe(TIMELINE_KINDS.length);
  });

  it('orders the markers along x by time, strictly', () => {
    const { markers } = page().drawn.timeline!;
    const byX = [...markers].sort((a, b) => centreX(a.box) - centreX(b.box));
    const byTime = [...view.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    expect(byX.map((m) => `${m.version} ${m.kind}`)).toEqual(byTime.map((e) => `${e.version} ${e.kind}`));
    const xs = byX.map((m) => centreX(m.box));
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1] + 1), `x strictly increases: ${xs.join(', ')}`).toBe(true);
  });

  it('lists the events newest first in the table, with their reasons', () => {
    const { drawn } = page();
    const newestFirst = [...view.timeline].reverse();
    expect(drawn.tableKinds).toEqual(newestFirst.map((e) => `${e.kind} ${e.version}`));
    expect(drawn.reasons).toEqual(newestFirst.map((e) => e.reason));
  });

  it('draws live quality as one line per version, through every point', () => {
    expectPlot(page().drawn.plots.quality, [['v0003 · roc_auc', 4], ['v0004 · roc_auc', 8]]);
  });

  it('draws the request rate and the p95 latency through every point (the p95 gap left out)', () => {
    const { plots } = page().drawn;
    const points = view.traffic.points;
    expectPlot(plots['request-rate'], [['Request rate', points.length]]);
    expectPlot(plots['p95-latency'], [['p95 latency', points.filter((p) => p.p95_seconds !== null).length]]);
    expectPlot(plots['error-rate'], [['Error rate', points.length]]);
  });

  it('shows the injected markup as visible text, never as an element', () => {
    const { drawn } = page();
    expect(drawn.counts.script).toBe(0);
    expect(drawn.alertSummaries).toContain(INJECTED_SUMMARY);
    expect(drawn.reasons).toContain(ROLLBACK_REASON);
    expect(drawn.bodyText).toContain(INJECTED);
  });

  it('saves a full-page PNG screenshot to artifacts/console.png and docs/images/console.png', () => {
    const { drawn } = page();
    const png = readFileSync(SCREENSHOT);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20 * 1024);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(VIEWPORT_WIDTH); // IHDR: width, then height, big-endian
    const bottom = Math.max(...drawn.sections.map((s) => s.box.y + s.box.height));
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor(bottom));
    expect(readFileSync(DOCS_SCREENSHOT).equals(png)).toBe(true);
  });
});

describe('the console markup', () => {
  it('accepts both fixtures as console views', () => {
    expect(ConsoleViewSchema.parse(consoleFixture())).toEqual(consoleFixture());
    expect(ConsoleViewSchema.parse(emptyConsoleView())).toEqual(emptyConsoleView());
  });

  it('renders every empty state and the meta refresh for an empty view', () => {
    const empty = renderConsole(emptyConsoleView());
    const states = [...empty.matchAll(/<p class="empty" data-empty="([^"]+)">([^<]*)<\/p>/g)].map((m) => [m[1], m[2]]);
    expect(states).toEqual([
      ['production', 'no production model yet'],
      ['timeline', 'no version events yet'],
      ['drift', 'no drift check yet'],
      ['decisions', 'no drift decision yet'],
      ['quality', 'no live quality measured yet'],
      ['traffic', 'traffic metrics are not available'],
      ['alerts', 'no alert received'],
    ]);
    expect(empty).toContain('<meta http-equiv="refresh" content="15">');
    expect(empty).not.toMatch(/<svg|<script|<link|\ssrc=/);
  });

  it('shows the sidecar note when traffic is not available', () => {
    const markup = renderConsole({ ...emptyConsoleView(), traffic: { available: false, note: 'metrics sidecar <down> & unreachable', points: [] } });
    expect(markup).toContain('<p class="empty" data-empty="traffic">metrics sidecar &lt;down&gt; &amp; unreachable</p>');
  });

  it('escapes every injected string and has no script anywhere', () => {
    expect(html).not.toMatch(/<script|<link|\ssrc=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;');
    expect(html).toContain('<meta http-equiv="refresh" content="30">');
  });

  it('URI-encodes the report id in its link', () => {
    const markup = renderConsole({ ...view, drift: { ...view.drift!, report_id: 'a/b?c"d' } });
    expect(markup).toContain('href="/reports/a%2Fb%3Fc%22d"');
  });
});
