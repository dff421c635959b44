import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { onPath } from '../../local/processes.js';

/** The flags that work on these machines (root, no display, no GPU, no network). */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
/** How long one DevTools command (or the page's load event) may take before the test fails. */
const COMMAND_TIMEOUT_MS = 15_000;
/** How long `close` waits for Chromium to exit after `Browser.close` before it kills the process group. */
const EXIT_GRACE_MS = 3_000;
/** A full-page viewport is never taller than this (Chromium's own texture limit is 16384). */
const MAX_VIEWPORT_HEIGHT = 16_000;

export const CHROMIUM_MISSING =
  'chromium is required by this test and is not on PATH: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium';

/** One page, opened by {@link HeadlessChromium.open}, with what it did while loading. */
export interface ChromiumPage {
  /** Evaluates `expression` in the page (awaiting a promise it returns) and returns its value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the viewport, which `open` made as tall as the page: the whole page. */
  screenshot(): Promise<Buffer>;
  /** Every URL the page requested (`Network.requestWillBeSent`), the document itself included. */
  readonly requests: readonly string[];
  /** Console errors and assertions, uncaught exceptions and error log entries (failed loads among them). */
  readonly errors: readonly string[];
}

export interface HeadlessChromium {
  /**
   * Opens `url` in a new page `width` CSS pixels wide and waits for its load event; then makes the
   * viewport as tall as the content (so that every element is inside it, for hit tests and the
   * screenshot) and waits for two animation frames, i.e. until that layout has been painted.
   */
  open(url: string, width: number): Promise<ChromiumPage>;
  /** `Browser.close`, then SIGKILL to the process group if it has not exited; removes the profile. Idempotent. */
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (result: any) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

type Listener = (params: any) => void;

/**
 * Starts Debian's `chromium` headless with a fresh profile in a temporary folder and speaks the
 * DevTools protocol to it over `--remote-debugging-pipe` (fd 3 in, fd 4 out, one JSON message
 * per NUL-terminated frame): Node's built-ins only, no port, no WebSocket. Throws
 * {@link CHROMIUM_MISSING} when chromium is not installed. Pages are attached in flat mode
 * (`sessionId` on each message).
 */
export async function startHeadlessChromium(): Promise<HeadlessChromium> {
  if (!onPath('chromium')) throw new Error(CHROMIUM_MISSING);
  const profile = mkdtempSync(join(tmpdir(), 'alm-chromium-'));
  const child = spawn('chromium', [...CHROMIUM_FLAGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const connection = new PipeConnection(child);
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= shutdown(child, connection, profile));
  try {
    await connection.send('Browser.getVersion');
  } catch (error) {
    await close();
    throw error;
  }
  return { open: (url, width) => openPage(connection, url, width), close };
}

async function openPage(connection: PipeConnection, url: string, width: number): Promise<ChromiumPage> {
  const { targetId } = await connection.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await connection.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method: string, params: object = {}) => connection.send(method, params, sessionId);
  const requests: string[] = [];
  const errors: string[] = [];
  connection.on(sessionId, 'Network.requestWillBeSent', (p) => requests.push(p.request.url));
  connection.on(sessionId, 'Runtime.consoleAPICalled', (p) => {
    if (p.type === 'error' || p.type === 'assert') errors.push(`console.${p.type}: ${p.args.map((a: any) => a.value ?? a.description).join(' ')}`);
  });
  connection.on(sessionId, 'Runtime.exceptionThrown', (p) => errors.push(`exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`));
  connection.on(sessionId, 'Log.entryAdded', (p) => {
    if (p.entry.level === 'error') errors.push(`log (${p.entry.source}): ${p.entry.text}${p.entry.url ? ` ${p.entry.url}` : ''}`);
  });
  await Promise.all(['Page.enable', 'Runtime.enable', 'Network.enable', 'Log.enable'].map((method) => send(method)));
  await send('Emulation.setDeviceMetricsOverride', { width, height: 800, deviceScaleFactor: 1, mobile: false });

  const loaded = connection.once(sessionId, 'Page.loadEventFired');
  const navigation = await send('Page.navigate', { url });
  if (navigation.errorText) throw new Error(`could not open ${url}: ${navigation.errorText}`);
  await loaded;

  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  const { cssContentSize } = await send('Page.getLayoutMetrics');
  const height = Math.min(MAX_VIEWPORT_HEIGHT, Math.ceil(cssContentSize.height));
  await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  await evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))');

  return {
    evaluate,
    screenshot: async () => Buffer.from((await send('Page.captureScreenshot', { format: 'png' })).data, 'base64'),
    requests,
    errors,
  };
}

async function shutdown(child: ChildProcess, connection: PipeConnection, profile: string): Promise<void> {
  try {
    // No pid: the spawn itself failed ('error', never 'exit'); nothing to wait for.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      connection.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => killGroup(child), EXIT_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    // Renderers and helpers share the group; whatever outlived the browser goes too.
    killGroup(child);
  } finally {
    connection.dispose();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** The DevTools protocol over Chromium's pipe: commands by id, events by session and method. */
class PipeConnection {
  private readonly input: Writable;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private nextId = 1;
  private chunks: Buffer[] = [];
  private stderrTail = '';
  private failure: Error | undefined;

  constructor(private readonly child: ChildProcess) {
    this.input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    output.on('data', (chunk: Buffer) => this.receive(chunk));
    (child.stderr as Readable).on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    this.input.on('error', () => undefined); // a write after exit; the exit handler reports it
    child.once('error', (error) => this.fail(new Error(`could not start chromium: ${error.message}`, { cause: error })));
    child.once('exit', (code, signal) => this.fail(new Error(`chromium exited (code ${code}, signal ${signal}); its stderr ends with:\n${this.stderrTail}`)));
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`chromium did not answer ${method} within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(sessionId: string, method: string, listener: Listener): () => void {
    const key = `${sessionId} ${method}`;
    const set = this.listeners.get(key) ?? new Set();
    this.listeners.set(key, set.add(listener));
    return () => set.delete(listener);
  }

  /** The next `method` event of the session; rejects after the command timeout or when chromium exits. */
  once(sessionId: string, method: string): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        this.child.off('exit', exited);
        reject(new Error(`no ${method} from chromium within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      const exited = () => {
        off();
        clearTimeout(timer);
        reject(this.failure);
      };
      const off = this.on(sessionId, method, (params) => {
        off();
        clearTimeout(timer);
        this.child.off('exit', exited);
        resolve(params);
      });
      this.child.once('exit', exited);
    });
  }

  dispose(): void {
    this.fail(new Error('the chromium connection is closed'));
    this.listeners.clear();
    this.child.stdio[4]?.removeAllListeners('data');
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.chunks.push(chunk.subarray(start, end));
      this.dispatch(JSON.parse(Buffer.concat(this.chunks).toString('utf8')));
      this.chunks = [];
      start = end + 1;
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start));
  }

  private dispatch(message: any): void {
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.error) pending.reject(new Error(`chromium: ${message.error.message} (${message.error.code})`));
      else pending.resolve(message.result);
      return;
    }
    for (const listener of this.listeners.get(`${message.sessionId} ${message.method}`) ?? []) listener(message.params);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(this.failure);
    }
    this.pending.clear();
  }
}
