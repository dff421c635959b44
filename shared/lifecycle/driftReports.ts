import type { DriftReportDocument, ReportList } from '../registry/schemas.js';
import { ReportNotFoundError } from '../registry/errors.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';

/** Most reports `GET /reports` lists. */
export const REPORT_LIST_LIMIT = 100;

/** `GET /reports`: the newest reports first (at most `REPORT_LIST_LIMIT`), with their URLs, and the latest id. */
export async function listReports(registry: Pick<ModelRegistry, 'drift'>): Promise<ReportList> {
  const [ids, state] = await Promise.all([registry.drift.list(REPORT_LIST_LIMIT), registry.drift.state()]);
  return {
    latest: state?.last_report_id ?? ids[0] ?? null,
    reports: ids.map((id) => ({ id, html: `/reports/${id}`, json: `/reports/${id}.json` })),
  };
}

/**
 * A report by the path segment of `GET /reports/{id}`: `latest` (the newest check), an id (its
 * HTML) or `<id>.json` (its document). An id that is not a report id is an InvalidIdError (400);
 * an absent one a ReportNotFoundError (404).
 */
export async function readReport(
  registry: Pick<ModelRegistry, 'drift'>,
  segment: string,
): Promise<{ format: 'html'; body: string } | { format: 'json'; body: DriftReportDocument }> {
  const asJson = segment.endsWith('.json');
  const name = asJson ? segment.slice(0, -'.json'.length) : segment;
  const id = name === 'latest' ? ((await registry.drift.state())?.last_report_id ?? (await registry.drift.list(1))[0]) : name;
  if (id === undefined) throw new ReportNotFoundError('no drift report yet: the first check has not run');
  return asJson ? { format: 'json', body: await registry.drift.document(id) } : { format: 'html', body: await registry.drift.html(id) };
}
