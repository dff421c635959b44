import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameFromTable } from '../shared/automl/data/frame.js';
import { formatCsv } from '../shared/automl/data/formatCsv.js';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { renderConsole } from '../shared/console/renderConsole.js';
import { decideOnDrift } from '../shared/decision/driftDecision.js';
import { datasetDrift } from '../shared/drift/check/datasetDrift.js';
import { columnsByName, referenceFromFrame, tableColumnSpecs } from '../shared/drift/check/referenceFromFrame.js';
import { renderDriftReport } from '../shared/drift/report/renderDriftReport.js';
import { buildConsoleView } from '../shared/lifecycle/consoleView.js';
import { createModelRegistry } from '../shared/registry/modelRegistry.js';
import { startHeadlessChromium, type ChromiumPage, type HeadlessChromium } from './support/headlessChromium.js';
import { manualClock } from './support/manualClock.js';
import { MemoryObjectStore } from './support/memoryObjectStore.js';
import { IMG_CATEGORY, SCRIPT_NAME } from './support/reportFixtures.js';
import { tempDir } from './support/runCli.js';

/**
 * Values that come from data reach the HTML drift report and the console as text, end to end:
 * a CSV whose column is named `<script>alert(1)</script>` and whose category column gets the value
 * `"><img src=x onerror=alert(1)>` in the current window goes through the real drift check,
 * the report renderer, the report store and the console view; both pages, opened in headless
 * Chromium, show the strings literally and hold no script, image or event handler. (The markup
 * of a hand-made hostile result is checked in driftReport.test.ts; this test starts from data.)
 */
const NOW = '2025-05-03T08:00:00.000Z';
const ROWS = 120;

/** The reference, and a current window where the `<script>` column shifted and the category column got the hostile value. */
function tables() {
  const header = [SCRIPT_NAME, 'kind'];
  const reference = Array.from({ length: ROWS }, (_, i) => [i % 40, i % 2 === 0 ? 'a' : 'b']);
  const current = Array.from({ length: ROWS }, (_, i) => [100 + (i % 40), i % 3 === 0 ? IMG_CATEGORY : 'a']);
  return [reference, current].map((rows) => parseCsv(formatCsv(header, rows)));
}

async function pages() {
  const [reference, current] = tables();
  const features = tableColumnSpecs(reference);
  const [referenceFrame, currentFrame] = [reference, current].map((table) => frameFromTable(table, features));
  const result = datasetDrift(
    { reference: { columns: referenceFromFrame(referenceFrame, features) }, current: { columns: columnsByName(currentFrame, features) } },
    { min_rows: 50 },
  );
  const decision = decideOnDrift(result, { importances: { [SCRIPT_NAME]: 0.7, kind: 0.3 }, now: NOW, lastRetrainAt: null, previousConsecutive: 0 });
  const window = { from: '2025-05-03T07:00:00.000Z', to: NOW };
  const report = renderDriftReport({ result, decision, title: `Drift of ${SCRIPT_NAME}`, model_version: 'v0001', reference_rows: ROWS, current_rows: ROWS, window, generated_at: NOW });

  const clock = manualClock(NOW);
  const registry = createModelRegistry(new MemoryObjectStore(), { clock });
  const id = '20250503T080000000Z';
  const record = { ...decision, report_id: id, decided_at: NOW, model_version: 'v0001', window, train_requested: false };
  await registry.drift.saveReport({ id, generated_at: NOW, model_version: 'v0001', window, reference_rows: ROWS, current_rows: ROWS, model_rows: ROWS, result, decision: record }, report);
  await registry.drift.recordDecision(record);
  const console = renderConsole(await buildConsoleView({ registry, clock, traffic: async () => [] }));
  return { result, decision, report, console };
}

interface Seen {
  readonly text: string;
  readonly dataColumns: string[];
  readonly active: number;
  readonly handlers: string[];
}

/** Runs in the page: its text, the `data-column` values, active elements and any `on…` attribute. Plain JavaScript. */
const MEASURE = `(() => ({
  text: document.body.textContent,
  dataColumns: [...document.querySelectorAll('[data-column]')].map((e) => e.getAttribute('data-column')),
  active: document.querySelectorAll('script, img, iframe, object, embed, link').length,
  handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name)),
}))()`;

let chromium: HeadlessChromium | undefined;
let built: Awaited<ReturnType<typeof pages>>;
const opened: Record<string, { page: ChromiumPage; seen: Seen }> = {};

beforeAll(async () => {
  built = await pages();
  chromium = await startHeadlessChromium();
  const dir = tempDir('alm-escaping-');
  for (const name of ['report', 'console'] as const) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, built[name]);
    const page = await chromium.open(pathToFileURL(file).href, 1200);
    opened[name] = { page, seen: await page.evaluate<Seen>(MEASURE) };
  }
}, 60_000);
afterAll(async () => chromium?.close());

describe('values from data are rendered as text', () => {
  it('the drift check keeps both hostile values: the column name, and the category among the bins', () => {
    expect(Object.keys(built.result.columns)).toEqual([SCRIPT_NAME, 'kind']);
    expect(built.result.columns.kind.histogram.bins).toContain(IMG_CATEGORY);
    expect(built.result.columns[SCRIPT_NAME].drift).toBe(true);
    expect(built.decision.reasons.join(' ')).toContain(SCRIPT_NAME);
  });

  it.each(['report', 'console'])('the %s shows them literally and holds no script, image or handler', (name) => {
    const { page, seen } = opened[name];
    expect(seen.text).toContain(SCRIPT_NAME);
    expect(seen.dataColumns).toContain(SCRIPT_NAME);
    expect(seen.active).toBe(0);
    expect(seen.handlers).toEqual([]);
    expect(page.errors).toEqual([]);
    expect(page.requests).toHaveLength(1); // the page itself: no `src=x` was requested
  });

  it('the report shows the category value as text too (a histogram label, cut to its first characters)', () => {
    expect(opened.report.seen.text).toContain('"><img src=x on');
    expect(built.report).toContain('&quot;&gt;&lt;img src=x on');
  });
});
