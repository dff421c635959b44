import { beforeAll, describe, expect, it } from 'vitest';
import { parseTrainOptionsText } from '../../shared/automl/training/prepareDataset.js';
import { SqsMessageQueue } from '../../shared/aws/sqsMessageQueue.js';
import { RESOURCES } from '../../shared/config/resources.js';
import { TrainMessageSchema, type PromoteMessage, type TrainMessage } from '../../shared/lifecycle/messages.js';
import { runKeyOf } from '../../shared/lifecycle/runKey.js';
import type { VersionId } from '../../shared/registry/ids.js';
import { artifactKey, MODELS_PREFIX, trainingRunRecordKey } from '../../shared/registry/keys.js';
import type { ModelRegistry } from '../../shared/registry/modelRegistry.js';
import { TrainingRunRecordSchema } from '../../shared/registry/schemas.js';
import { sha256Hex } from '../../shared/util/sha256.js';
import { parseExposition, sampleValue } from './exposition.js';
import { recordOf, sampledMainCsv, type FaultStack } from './faultStack.js';
import { killableTraining } from './killableTraining.js';
import { expectConsistentChain } from './registryAssertions.js';
import { until } from './until.js';

/**
 * Faults of the registry, on the fault stack of test/faults.integration.test.ts (declared there,
 * after the serving faults): a tampered or malformed model.json (refused at promotion and at load,
 * production unchanged, counted), concurrent manual promotes, rollbacks and queued promotion
 * decisions (one consistent history), and a training process killed with SIGKILL in the middle of
 * registering (never visible as complete; the retry claims a new number).
 */

/** The stack's settings these tests need: a started run older than 3 s is taken over by a retry. */
export const REGISTRY_FAULT_ENV = { ALM_STALE_RUN_SECONDS: '3' };

export function describeRegistryFaults(stack: () => FaultStack): void {
  let faults: FaultStack;
  let registry: ModelRegistry;

  /** Registers a copy of v0001 (same metadata), its model.json replaced by `model(text)`. */
  async function copyOfFirst(model: (text: string) => string = (text) => text): Promise<VersionId> {
    const manifest = await registry.versions.manifest('v0001');
    const files: Record<string, string> = {};
    for (const name of Object.keys(manifest.files)) files[name] = await registry.versions.readFile('v0001', name);
    files['model.json'] = model(files['model.json']);
    return registry.versions.register(files, manifest.metadata);
  }

  async function rejectedCount(reason: string, stage: string): Promise<number> {
    const text = await (await fetch(`${faults.stack.metricsUrl}/metrics`)).text();
    return sampleValue(parseExposition(text), 'alm_model_rejected_total', { reason, stage }) ?? 0;
  }

  const promoteQueue = () => new SqsMessageQueue<PromoteMessage>(faults.sqs(), RESOURCES.queues.promote.name);

  describe('faults of the registry: tampered artifacts, concurrent moves, a training killed midway', () => {
    beforeAll(() => {
      faults = stack();
      registry = faults.registry();
    });

    it('a tampered or malformed model.json is refused at promotion and at load; production stays v0001; alm_model_rejected_total rises', async () => {
      const tampered = await copyOfFirst(); // valid when registered, altered in S3 afterwards
      await faults.store().put(artifactKey(tampered, 'model.json'), alteredDigit(await registry.versions.readFile(tampered, 'model.json')));
      const malformed = await copyOfFirst(() => {
        const pipeline = { candidate: 'linear', note: 'valid JSON, right envelope and checksum, not a pipeline' };
        return JSON.stringify({ format: 'alm-model', format_version: 1, sha256: sha256Hex(JSON.stringify(pipeline)), pipeline });
      });
      const reChecksummed = await copyOfFirst(alteredDigit); // manifest over the altered bytes: only the envelope's checksum catches it
      const historyBefore = (await registry.production.get())!.pointer.history.length;

      const manual = await faults.api('POST', '/promote', { version: tampered, reason: 'fault test' }, true);
      expect(manual).toMatchObject({ status: 409, json: { error: 'ModelRejectedError', message: expect.stringMatching(new RegExp(`^${tampered} refused \\(sha256\\): CorruptObjectError`)) } });

      await promoteQueue().send({ version: malformed });
      const verdict = await until('the verdict on the malformed version', async () => (await registry.verdicts.get(malformed)) ?? undefined);
      expect(verdict).toMatchObject({ decision: 'rejected', reason: expect.stringMatching(new RegExp(`^refused: ${malformed} refused \\(format\\): ModelArtifactError: model.json pipeline is malformed`)) });

      const production = (await registry.production.get())!.pointer;
      expect([production.version, production.history.length]).toEqual(['v0001', historyBefore]);

      // A writer without these checks moves the pointer anyway: predict refuses to load it and keeps v0001.
      await registry.production.promote(reChecksummed, { reason: 'a writer that skips the checks', actor: 'fault-test' });
      const degraded = await until('health names the refused version', async () => {
        const health = (await faults.api('GET', '/health')).json;
        return health.status === 'degraded' && /refused/.test(health.last_reload_error ?? '') ? health : undefined;
      }, 20_000);
      expect(degraded).toMatchObject({ model_version: 'v0001', registry: 'ok', last_reload_error: expect.stringMatching(new RegExp(`ModelRejectedError: ${reChecksummed} refused \\(checksum\\)`)) });
      for (let i = 0; i < 5; i++) expect((await faults.api('POST', '/predict', recordOf(faults.csv, i))).json.model_version).toBe('v0001');
      await registry.production.rollback({ reason: 'undo the unchecked promotion', actor: 'fault-test' });
      await until('health ok on v0001', async () => ((await faults.api('GET', '/health')).json.status === 'ok' ? true : undefined), 20_000);

      const counts = await until('the refusals counted by the sidecar', async () => {
        const now = { sha256: await rejectedCount('sha256', 'promote'), format: await rejectedCount('format', 'promote'), checksum: await rejectedCount('checksum', 'serve') };
        return now.sha256 >= 1 && now.format >= 1 && now.checksum >= 1 ? now : undefined;
      }, 20_000);
      expect([counts.sha256, counts.format]).toEqual([1, 1]); // once per refused promotion
      console.log(`model.json refused: ${JSON.stringify(counts)} (alm_model_rejected_total by reason, stage promote/promote/serve)`);
    }, 120_000);

    it('concurrent manual promotes, rollbacks and queued promotion decisions serialize into one chained history', async () => {
      const manual = [await copyOfFirst(), await copyOfFirst(), await copyOfFirst()];
      const decided = [await copyOfFirst(), await copyOfFirst()];
      for (const version of decided) {
        await registry.verdicts.record({
          decision: 'promoted', reason: 'decided before the race', version, primary_metric: 'roc_auc',
          candidate_score: 0.9, production_version: 'v0001', production_score: 0.9, decided_at: new Date().toISOString(),
        });
      }
      const before = (await registry.production.get())!.pointer.sequence;
      const requests = [
        ...manual.map((version) => faults.api('POST', '/promote', { version, reason: `race promote ${version}` }, true)),
        ...[1, 2, 3].map((i) => faults.api('POST', '/rollback', { reason: `race rollback ${i}` }, true)),
        ...decided.map((version) => promoteQueue().send({ version }).then(() => undefined)),
      ];
      const answers = (await Promise.all(requests)).filter((a) => a !== undefined);
      const pointer = await until('both queued decisions applied', async () => {
        const now = (await registry.production.get())!.pointer;
        return decided.every((v) => now.history.some((e) => e.version === v && e.actor === 'promote-queue')) ? now : undefined;
      }, 60_000);

      expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 409)).toEqual([]);
      const ok = answers.filter((a) => a.status === 200).map((a) => a.json);
      expectConsistentChain(pointer);
      const events = pointer.history.slice(before);
      expect(events).toHaveLength(ok.length + decided.length); // nothing lost, nothing doubled
      expect(new Set(ok.map((p) => p.sequence)).size).toBe(ok.length);
      for (const answer of ok) expect(pointer.history[answer.sequence - 1]).toMatchObject({ version: answer.version, actor: 'api', previous: answer.previous });
      expect(events.filter((e) => e.actor === 'promote-queue').map((e) => e.version).sort()).toEqual([...decided].sort());
      pointer.history.forEach((event, i) => {
        if (event.kind === 'rollback') expect(event.version).toBe(pointer.history[i - 1].previous); // a rollback returns to the one before
      });
      await until(`${pointer.version} served`, async () => ((await faults.api('POST', '/predict', recordOf(faults.csv, 0))).json.model_version === pointer.version ? true : undefined), 20_000);
      console.log(`race: ${answers.length} HTTP moves (${ok.length} × 200, ${answers.length - ok.length} × 409) + ${decided.length} queued decisions → ${events.length} events, sequences ${before + 1}…${pointer.sequence}`);
    }, 120_000);

    it('a training process killed -9 while registering leaves no complete version; the retry claims a new number and completes', async () => {
      const csv = sampledMainCsv(2000, 99);
      const { digest } = await registry.datasets.put(csv);
      const options = parseTrainOptionsText({ candidates: 'linear', cv_folds: '3' });
      const message: TrainMessage = TrainMessageSchema.parse({ dataset_digest: digest, options, requested_at: new Date().toISOString() });
      const runKey = runKeyOf(digest, options);
      const runRecord = async () => TrainingRunRecordSchema.parse(JSON.parse((await faults.store().get(trainingRunRecordKey(runKey)))!.body));

      const start = await killableTraining();
      const isManifestPut = (r: { method: string; path: string }) => r.method === 'PUT' && /\/models\/v\d{4}\/manifest\.json$/.test(r.path);
      faults.proxy.setRule((r) => (isManifestPut(r) ? 'hold' : 'pass'));
      const training = start(message, { ...process.env, AWS_ENDPOINT_URL: faults.proxy.url, AWS_ENDPOINT_URL_S3: faults.proxy.url, AWS_ENDPOINT_URL_SQS: faults.proxy.url, ALM_METRICS_URL: '' });
      const held = await Promise.race([
        faults.proxy.heldRequest(isManifestPut),
        training.exited.then((exit) => Promise.reject(new Error(`training ended before its manifest: ${JSON.stringify(exit)}\n${training.output()}`))),
      ]);
      const killed = /\/models\/(v\d{4})\//.exec(held.path)![1] as VersionId;

      const visible = async () => {
        const listed = (await faults.api('GET', '/versions')).json.versions.find((v: { version: string }) => v.version === killed);
        return { listed: listed?.complete ?? null, detail: (await faults.api('GET', `/versions/${killed}`)).status, stored: (await registry.versions.list()).find((v) => v.version === killed)?.complete };
      };
      expect(await visible()).toEqual({ listed: false, detail: 404, stored: false }); // mid-registration: claimed, not complete
      process.kill(training.child.pid!, 'SIGKILL');
      expect(await training.exited).toEqual({ code: null, signal: 'SIGKILL' });
      faults.proxy.setRule(() => 'pass');
      expect(await visible()).toEqual({ listed: false, detail: 404, stored: false });
      const files = (await faults.store().list(`${MODELS_PREFIX}${killed}/`)).map((key) => key.split('/').pop());
      expect(files).toContain('claim.json');
      expect(files).not.toContain('manifest.json');
      expect(await runRecord()).toMatchObject({ status: 'started', attempt: 1 });

      await new Promise((r) => setTimeout(r, 3500)); // the claim goes stale (ALM_STALE_RUN_SECONDS=3)
      await new SqsMessageQueue<TrainMessage>(faults.sqs(), RESOURCES.queues.train.name).send(message); // the retry, by the train function
      const done = await until('the retried run done', async () => {
        const record = await runRecord();
        return record.status === 'done' ? record : undefined;
      }, 90_000);
      expect(done).toMatchObject({ status: 'done', attempt: 2 });
      if (done.status !== 'done') throw new Error('unreachable');
      expect(done.version > killed).toBe(true); // a new number, claimed cleanly above the abandoned one
      expect(await visible()).toEqual({ listed: false, detail: 404, stored: false });
      const manifest = await registry.versions.manifest(done.version);
      expect(manifest.metadata.run_key).toBe(runKey);
      for (const name of Object.keys(manifest.files)) await registry.versions.readFile(done.version, name); // every file matches its SHA-256
      const listed = (await faults.api('GET', '/versions')).json.versions as { version: string; complete: boolean }[];
      for (const version of listed.filter((v) => v.complete)) await registry.versions.manifest(version.version as VersionId); // complete ⇒ a manifest
      expect(listed.filter((v) => v.complete && v.version !== 'v0001').length).toBeGreaterThan(0);
      console.log(`killed -9 while writing ${killed}/manifest.json: ${files.length} objects left, never complete; the retry (attempt 2) registered ${done.version}; versions ${listed.map((v) => `${v.version}${v.complete ? '' : '(incomplete)'}`).join(' ')}`);
    }, 180_000);
  });
}

/** `text` with the first digit 1–8 after `"pipeline":` incremented: still valid JSON, different bytes. */
function alteredDigit(text: string): string {
  const at = text.slice(text.indexOf('"pipeline":')).search(/[1-8]/) + text.indexOf('"pipeline":');
  return `${text.slice(0, at)}${Number(text[at]) + 1}${text.slice(at + 1)}`;
}
