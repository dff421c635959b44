import type { describeRegistry } from '../../shared/lifecycle/describeRegistry.js';
import type { ProductionPointer, VersionSummary } from '../../shared/registry/schemas.js';
import { callApi } from '../apiClient.js';
import { formatTable } from '../formatTable.js';
import { UsageError, parseCommand } from '../options.js';

export const STATUS_USAGE = 'alm status';
export const VERSIONS_USAGE = 'alm versions';
export const PROMOTE_USAGE = 'alm promote vNNNN --reason "…"';
export const ROLLBACK_USAGE = 'alm rollback --reason "…"';

type Status = Awaited<ReturnType<typeof describeRegistry>>;
const say = (text: string) => process.stdout.write(`${text}\n`);
const score = (value: unknown) => (typeof value === 'number' ? Number(value.toFixed(4)) : '-');

/** `alm status`: the production version, its metrics, and recent candidates with verdicts. */
export async function statusCommand(args: string[]): Promise<void> {
  parseCommand(args, {});
  const status = (await callApi('GET', '/status')) as Status;
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
    String(c.metadata?.candidate ?? '-'),
    score(c.metadata?.test_score),
    c.verdict?.decision ?? 'pending',
    c.verdict?.reason ?? '',
  ]);
  if (rows.length) say(formatTable(['version', 'complete', 'candidate', 'test', 'verdict', 'reason'], rows));
}

/** `alm versions`: every registered version. */
export async function versionsCommand(args: string[]): Promise<void> {
  parseCommand(args, {});
  const { versions } = (await callApi('GET', '/versions')) as { versions: VersionSummary[] };
  say(
    formatTable(
      ['version', 'complete', 'created_at', 'candidate', 'test'],
      versions.map((v) => [v.version, v.complete ? 'yes' : 'no', v.created_at ?? '-', String(v.metadata?.candidate ?? '-'), score(v.metadata?.test_score)]),
    ),
  );
}

/** `alm promote vNNNN --reason …` (admin). */
export async function promoteCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseCommand(args, { reason: { type: 'string' } });
  if (positionals.length !== 1 || typeof values.reason !== 'string') throw new UsageError(`usage: ${PROMOTE_USAGE}`);
  const pointer = (await callApi('POST', '/promote', { version: positionals[0], reason: values.reason }, true)) as ProductionPointer;
  say(`production: ${pointer.version} (sequence ${pointer.sequence}, previous ${pointer.previous ?? 'none'})`);
}

/** `alm rollback --reason …` (admin): back to the previous production version. */
export async function rollbackCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseCommand(args, { reason: { type: 'string' } });
  if (positionals.length !== 0 || typeof values.reason !== 'string') throw new UsageError(`usage: ${ROLLBACK_USAGE}`);
  const pointer = (await callApi('POST', '/rollback', { reason: values.reason }, true)) as ProductionPointer;
  say(`production: ${pointer.version} (rolled back from ${pointer.previous ?? 'none'}, sequence ${pointer.sequence})`);
}
