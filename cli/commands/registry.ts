import { RegistryStatusSchema, VersionListSchema } from '../../shared/lifecycle/registryStatus.js';
import { UsageError } from '../../shared/edge/usageError.js';
import { ProductionPointerSchema } from '../../shared/registry/schemas.js';
import { callApi } from '../apiClient.js';
import { formatTable } from '../formatTable.js';
import { parseCommand } from '../options.js';

export const STATUS_USAGE = 'alm status';
export const VERSIONS_USAGE = 'alm versions';
export const PROMOTE_USAGE = 'alm promote vNNNN --reason "…"';
export const ROLLBACK_USAGE = 'alm rollback --reason "…"';

const say = (text: string) => process.stdout.write(`${text}\n`);
const score = (value: number | undefined) => (value === undefined ? '-' : Number(value.toFixed(4)));

/** `alm status`: the production version, its metrics, and recent candidates with verdicts. */
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
}

/** `alm versions`: every registered version. */
export async function versionsCommand(args: string[]): Promise<void> {
  parseCommand(args, {});
  const { versions } = await callApi(VersionListSchema, 'GET', '/versions');
  say(
    formatTable(
      ['version', 'complete', 'created_at', 'candidate', 'test'],
      versions.map((v) => [v.version, v.complete ? 'yes' : 'no', v.created_at ?? '-', v.metadata?.candidate ?? '-', score(v.metadata?.test_score)]),
    ),
  );
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
