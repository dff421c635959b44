import { RegistryStatusSchema, VersionDetailSchema, VersionListSchema } from '../../shared/lifecycle/registryStatus.js';
import type { VersionLineage } from '../../shared/registry/schemas.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { ProductionPointerSchema } from '../../shared/registry/schemas.js';
import { callApi } from '../apiClient.js';
import { formatTable } from '../formatTable.js';
import { parseCommand } from '../options.js';

export const STATUS_USAGE = 'alm status';
export const VERSIONS_USAGE = 'alm versions [vNNNN]';
export const PROMOTE_USAGE = 'alm promote vNNNN --reason "…"';
export const ROLLBACK_USAGE = 'alm rollback --reason "…"';

const say = (text: string) => process.stdout.write(`${text}\n`);
const score = (value: number | undefined) => (value === undefined ? '-' : Number(value.toFixed(4)));

/** `alm status`: the production version, its metrics, recent candidates with verdicts, and the alerts received. */
export async function statusCommand(args: string[]): Promise<void> {
  parseCommand(args, {});
  const status = await callApi(RegistryStatusSchema, 'GET', '/status');
  const production = status.production;
  if (!production) say('production: none yet');
  else {
    const metric = production.metrics.primary_metric;
    say(`production: ${production.version} (${production.metrics.candidate}, test ${metric} ${score(production.metrics.test[metric])}), since ${production.promoted_at}: ${production.reason}`);
  }
  say(`versions: ${status.versions}`);
  const rows = status.candidates.map((c) => [
    c.version,
    c.complete ? 'yes' : 'no',
    c.metadata?.candidate ?? '-',
    score(c.metadata?.test_score),
    c.verdict?.decision ?? 'pending',
    c.verdict?.reason ?? '',
  ]);
  if (rows.length) say(formatTable(['version', 'complete', 'candidate', 'test', 'verdict', 'reason'], rows));
  if (status.alerts.length === 0) say('alerts: none received');
  else say(`alerts (newest first):\n${formatTable(['received', 'status', 'alert', 'severity', 'summary'], status.alerts.map((a) => [a.received_at, a.status, a.name, a.severity ?? '-', a.summary ?? '']))}`);
}

/** `alm versions`: every registered version with its parent and trigger; `alm versions vNNNN`: one, with its lineage and verdict. */
export async function versionsCommand(args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {});
  if (positionals.length > 1) throw new UsageError(`usage: ${VERSIONS_USAGE}`);
  if (positionals.length === 1) return versionCommand(positionals[0]);
  const { versions } = await callApi(VersionListSchema, 'GET', '/versions');
  say(
    formatTable(
      ['version', 'complete', 'created_at', 'candidate', 'test', 'parent', 'trigger'],
      versions.map((v) => [
        v.version,
        v.complete ? 'yes' : 'no',
        v.created_at ?? '-',
        v.metadata?.candidate ?? '-',
        score(v.metadata?.test_score),
        v.lineage?.parent_version ?? '-',
        v.lineage ? triggerText(v.lineage) : '-',
      ]),
    ),
  );
}

async function versionCommand(version: string): Promise<void> {
  const detail = await callApi(VersionDetailSchema, 'GET', `/versions/${encodeURIComponent(version)}`);
  const metric = detail.metrics.primary_metric;
  say(`${detail.version}: ${detail.metrics.candidate}, test ${metric} ${score(detail.metrics.test[metric])}, created ${detail.created_at}`);
  const lineage = detail.lineage;
  if (!lineage) say('lineage: not recorded (registered before lineage was kept)');
  else {
    say(`parent: ${lineage.parent_version ?? 'none'}`);
    say(`trigger: ${triggerText(lineage)}`);
    if (lineage.trigger.kind === 'drift') for (const reason of lineage.trigger.reasons) say(`  - ${reason}`);
    say(`dataset: ${lineage.dataset_digest}`);
    const data = lineage.data;
    if (data) {
      say(`  reference ${data.reference_digest}: ${data.reference_rows} rows; recent labeled rows ${data.recent_rows} (${data.window.from} – ${data.window.to}, share ${data.recent_share})`);
      say(`  holdout: ${data.holdout_digest ? `${data.holdout_digest}, ${data.holdout_rows} rows` : 'none (too few recent labeled rows)'}`);
    }
  }
  const verdict = detail.verdict;
  say(`verdict: ${verdict ? `${verdict.decision}: ${verdict.reason}` : 'pending'}`);
}

function triggerText(lineage: VersionLineage): string {
  return lineage.trigger.kind === 'drift' ? `drift (report ${lineage.trigger.report_id})` : 'ingest';
}

/** `alm promote vNNNN --reason …` (admin). */
export async function promoteCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseCommand(args, { reason: { type: 'string' } });
  if (positionals.length !== 1 || typeof values.reason !== 'string') throw new UsageError(`usage: ${PROMOTE_USAGE}`);
  const body = { version: positionals[0], reason: values.reason };
  const pointer = await callApi(ProductionPointerSchema, 'POST', '/promote', { body, admin: true });
  say(`production: ${pointer.version} (sequence ${pointer.sequence}, previous ${pointer.previous ?? 'none'})`);
}

/** `alm rollback --reason …` (admin): back to the previous production version. */
export async function rollbackCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseCommand(args, { reason: { type: 'string' } });
  if (positionals.length !== 0 || typeof values.reason !== 'string') throw new UsageError(`usage: ${ROLLBACK_USAGE}`);
  const pointer = await callApi(ProductionPointerSchema, 'POST', '/rollback', { body: { reason: values.reason }, admin: true });
  say(`production: ${pointer.version} (rolled back from ${pointer.previous ?? 'none'}, sequence ${pointer.sequence})`);
}
