import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * plugins/close-offline-message-ports.js against serverless-offline's own WorkerThreadRunner (a
 * real worker thread, a two-line handler): unpatched, every invocation leaves one MessagePort
 * open in the calling thread (the cause of bench:load's growth); patched, none is left, answers
 * and errors come back as before.
 */
interface Runner {
  run(event: unknown, context: unknown): Promise<unknown>;
  cleanup(): Promise<number>;
}
type RunnerClass = (new (options: Record<string, unknown>, env: Record<string, string>) => Runner) & { prototype: { run: { closesPorts?: boolean } } };
interface PluginModule {
  loadWorkerThreadRunner(): Promise<RunnerClass>;
  patchWorkerThreadRunner(runner: RunnerClass): void;
  default: new () => { hooks: Record<string, () => Promise<void>> };
}

const openPorts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;
const CALLS = 40;
/** A closed port leaves the active resources in a later turn of the event loop (libuv's close callbacks). */
const closed = () => new Promise((r) => setTimeout(r, 20));

let dir: string;
let plugin: PluginModule;
let RunnerClass: RunnerClass;
let runner: Runner;

async function runMany(from: number): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (let n = from; n < from + CALLS; n++) answers.push(await runner.run({ n }, { awsRequestId: String(n) }));
  return answers;
}

describe('closing serverless-offline’s per-invocation MessageChannel', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alm-ports-'));
    writeFileSync(join(dir, 'handler.mjs'), 'export const handler = async (event) => { if (event.fail) throw new Error("handler failed"); return { echo: event.n }; };\n');
    plugin = (await import(pathToFileURL(resolve(import.meta.dirname, '../plugins/close-offline-message-ports.js')).href)) as PluginModule;
    RunnerClass = await plugin.loadWorkerThreadRunner();
    runner = new RunnerClass({ codeDir: dir, functionKey: 'echo', handler: 'handler.handler', servicePath: dir, timeout: 10_000 }, { PATH: process.env.PATH ?? '' });
    await runner.run({ n: -1 }, {}); // the worker and its handler loaded
  });

  afterAll(async () => {
    await runner?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('unpatched, serverless-offline 13 leaves one open MessagePort per invocation', async () => {
    expect(RunnerClass.prototype.run.closesPorts).toBeUndefined();
    const before = openPorts();
    const answers = await runMany(0);
    expect(answers).toEqual(Array.from({ length: CALLS }, (_, n) => ({ echo: n })));
    expect(openPorts() - before).toBe(CALLS);
  });

  it('the plugin’s hook patches the runner: the same calls leave no port open, answers unchanged', async () => {
    await new plugin.default().hooks['before:offline:start:init']();
    expect(RunnerClass.prototype.run.closesPorts).toBe(true);
    plugin.patchWorkerThreadRunner(RunnerClass); // idempotent: one wrapper, not two
    const before = openPorts();
    const answers = await runMany(CALLS);
    await closed();
    expect(answers).toEqual(Array.from({ length: CALLS }, (_, n) => ({ echo: CALLS + n })));
    expect(openPorts()).toBe(before);
  });

  it('a handler that throws still rejects the call, and its port is closed too', async () => {
    const before = openPorts();
    await expect(runner.run({ fail: true }, {})).rejects.toThrow('handler failed');
    await closed();
    expect(openPorts()).toBe(before);
    expect(await runner.run({ n: 7 }, {})).toEqual({ echo: 7 });
  });
});
