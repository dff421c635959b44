/**
 * Step 4, replaying the loop's messages: the train message of the drift retrain, rebuilt from
 * GET /versions/<v> (lineage: dataset digest, trigger, data; the manifest's train options), sent
 * twice, and the promote messages of the candidates, sent again through the stack's own SQS
 * adapter. After the queues drain, no version may have been trained on the replayed message and
 * no production event may name a replayed version (`changesOfReplay`; what the running loop did
 * meanwhile is told apart and listed); the offline log should show the train function finding the run done.
 */
import { readFileSync } from 'node:fs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SqsMessageQueue } from '../../shared/aws/sqsMessageQueue.js';
import { RESOURCES } from '../../shared/config/resources.js';
import { TrainMessageSchema, type PromoteMessage, type TrainMessage } from '../../shared/lifecycle/messages.js';
import type { HealApi } from './api.js';
import { waitForDrained } from './queues.js';

export interface ReplayResult {
  readonly unchanged: boolean;
  readonly before: string;
  readonly after: string;
  readonly alreadyRegistered: number;
  readonly message: TrainMessage;
}

/** The train message that produced `version`, as the drift check (or ingest) sent it. */
export async function trainMessageOf(api: HealApi, version: string): Promise<TrainMessage> {
  const detail = await api.get(`/versions/${version}`);
  const lineage = detail.lineage;
  if (!lineage) throw new Error(`${version} has no lineage`);
  if (!detail.metadata?.train_options) throw new Error(`${version}'s manifest has no train_options`);
  return TrainMessageSchema.parse({
    dataset_digest: lineage.dataset_digest,
    options: detail.metadata.train_options,
    requested_at: lineage.trigger.kind === 'drift' ? lineage.trigger.window.to : lineage.trigger.requested_at,
    ...(lineage.trigger.kind === 'drift' ? { trigger: lineage.trigger } : {}),
    ...(lineage.data ? { data: lineage.data } : {}),
  });
}

interface Snapshot {
  readonly text: string;
  readonly versions: number;
  readonly sequence: number;
}

async function snapshot(api: HealApi): Promise<Snapshot> {
  const status = await api.get('/status');
  const p = status.production;
  return { text: `${status.versions} versions, production ${p?.version ?? 'none'} (sequence ${p?.sequence ?? 0})`, versions: status.versions, sequence: p?.sequence ?? 0 };
}

/**
 * What the replay changed, told apart from what the running loop did meanwhile (its schedule
 * goes on: a drift check may retrain and promote while the replayed messages are consumed): a
 * new version trained on the replayed message's data and trigger, or a production event naming a
 * replayed version. Versions and promotions of other triggers are listed as the loop's own.
 */
async function changesOfReplay(api: HealApi, message: TrainMessage, promoteVersions: readonly string[], before: Snapshot): Promise<{ replayed: string[]; meanwhile: string[] }> {
  const [status, list] = await Promise.all([api.get('/status'), api.get('/versions')]);
  const replayed: string[] = [];
  const meanwhile: string[] = [];
  for (const summary of list.versions.slice(before.versions)) {
    const trigger = summary.lineage?.trigger;
    const same = summary.lineage?.dataset_digest === message.dataset_digest && (trigger?.kind === 'drift' ? trigger.report_id : null) === (message.trigger?.report_id ?? null);
    (same ? replayed : meanwhile).push(`${summary.version} registered (trigger ${trigger?.kind === 'drift' ? trigger.report_id : (trigger?.kind ?? 'unknown')})`);
  }
  for (const event of status.production?.history.slice(before.sequence) ?? []) {
    const line = `production ${event.kind} ${event.version} by ${event.actor}`;
    (promoteVersions.includes(event.version) ? replayed : meanwhile).push(line);
  }
  return { replayed, meanwhile };
}

export async function replayMessages(
  api: HealApi,
  sqs: SQSClient,
  trainVersion: string,
  promoteVersions: readonly string[],
  offlineLog: string,
  say: (line: string) => void,
): Promise<ReplayResult> {
  const message = await trainMessageOf(api, trainVersion);
  say(`replay: waiting for the queues to drain`);
  await waitForDrained(sqs);
  const before = await snapshot(api);
  const pattern = new RegExp(`"status":"already_registered","version":"${trainVersion}"`, 'g');
  const registeredBefore = readFileSync(offlineLog, 'utf8').match(pattern)?.length ?? 0;
  const trainQueue = new SqsMessageQueue<TrainMessage>(sqs, RESOURCES.queues.train.name);
  const promoteQueue = new SqsMessageQueue<PromoteMessage>(sqs, RESOURCES.queues.promote.name);
  say(`replay: train message of ${trainVersion} (dataset ${message.dataset_digest.slice(0, 12)}…, trigger ${message.trigger?.report_id ?? 'ingest'}) ×2, promote ${promoteVersions.join(', ')}; before: ${before.text}`);
  await trainQueue.send(message);
  await trainQueue.send(message);
  for (const version of promoteVersions) await promoteQueue.send({ version });
  await new Promise((r) => setTimeout(r, 3000));
  await waitForDrained(sqs);
  const after = await snapshot(api);
  const alreadyRegistered = (readFileSync(offlineLog, 'utf8').match(pattern)?.length ?? 0) - registeredBefore;
  const { replayed, meanwhile } = await changesOfReplay(api, message, promoteVersions, before);
  if (meanwhile.length > 0) say(`replay: meanwhile the loop itself: ${meanwhile.join('; ')}`);
  const afterText = `${after.text}${replayed.length ? `; from the replay: ${replayed.join('; ')}` : ''}${meanwhile.length ? `; the loop's own meanwhile: ${meanwhile.join('; ')}` : ''}`;
  return { unchanged: replayed.length === 0, before: before.text, after: afterText, alreadyRegistered, message };
}
