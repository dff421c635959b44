import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startHeadlessChromium, type ChromiumPage, type HeadlessChromium } from './headlessChromium.js';
import { tempDir } from './runCli.js';

/** A page drawn once for a test file: its URL, the open page, and what `measure` found in it. */
export interface RenderedPage<T> {
  readonly url: string;
  readonly page: ChromiumPage;
  readonly drawn: T;
}

export interface RenderOptions {
  /** The page's HTML, written to `<name>.html` in a temporary folder. */
  readonly html: string;
  readonly name: string;
  /** Viewport width in CSS pixels (the height follows the content). */
  readonly width: number;
  /** An expression evaluated in the page (see `ChromiumPage.evaluate`). */
  readonly measure: string;
  /** Where the screenshot goes (a stale one is removed first), and copies of it. */
  readonly screenshot: string;
  readonly copies?: readonly string[];
}

/**
 * Opens the page in headless Chromium once for the test file (`beforeAll`; closed in `afterAll`),
 * measures it and saves the screenshot. The returned function gives the result; when Chromium is
 * missing or failed, it throws why, so every test that uses it fails (none is skipped).
 */
export function renderOnce<T>(options: RenderOptions): () => RenderedPage<T> {
  let chromium: HeadlessChromium | undefined;
  let rendered: RenderedPage<T> | undefined;
  let failure: unknown;
  const dir = tempDir(`alm-${options.name}-`);
  beforeAll(async () => {
    try {
      rmSync(options.screenshot, { force: true });
      const file = join(dir, `${options.name}.html`);
      writeFileSync(file, options.html);
      const url = pathToFileURL(file).href;
      chromium = await startHeadlessChromium();
      const page = await chromium.open(url, options.width);
      const drawn = await page.evaluate<T>(options.measure);
      mkdirSync(dirname(options.screenshot), { recursive: true });
      writeFileSync(options.screenshot, await page.screenshot());
      for (const copy of options.copies ?? []) {
        mkdirSync(dirname(copy), { recursive: true });
        copyFileSync(options.screenshot, copy);
      }
      rendered = { url, page, drawn };
    } catch (error) {
      failure = error;
    }
  }, 60_000);
  afterAll(async () => {
    try {
      await chromium?.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => {
    if (!rendered) throw failure;
    return rendered;
  };
}
