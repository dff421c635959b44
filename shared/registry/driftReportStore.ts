import type { ObjectStore } from '../ports/objectStore.js';
import { compareAndSwap, DEFAULT_RETRY, tryPut, type RetryPolicy } from './compareAndSwap.js';
import {
  DriftDecisionRecordSchema,
  DriftReportDocumentSchema,
  DriftStateSchema,
  type DriftDecisionRecord,
  type DriftReportDocument,
  type DriftState,
} from './schemas.js';
import { ReportNotFoundError } from './errors.js';
import { parseReportId, type ReportId } from './ids.js';
import { driftDecisionKey, driftStateKey, REPORTS_PREFIX, reportIdOfKey, reportKey } from './keys.js';
import { JSON_CONTENT_TYPE, parseArgument, parseStored, toStoredJson } from './storedDocument.js';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * Drift checks' records: `reports/<id>.json` and `.html`, `registry/drift-decisions/<id>.json`
 * (each created once, If-None-Match `*`: a replayed check changes nothing) and
 * `registry/drift-state.json` (compare-and-swap), whose `last_report_id` is the latest report.
 */
export class DriftReportStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Writes a check's document and HTML report; false when that report id already exists. */
  async saveReport(document: DriftReportDocument, html: string): Promise<boolean> {
    const body = parseArgument(DriftReportDocumentSchema, document, 'drift report');
    const created = await tryPut(this.store, reportKey(body.id, 'json'), toStoredJson(body), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE });
    if (!created) return false;
    await this.store.put(reportKey(body.id, 'html'), html, { contentType: HTML_CONTENT_TYPE });
    return true;
  }

  /** Records a decision once; false when that report's decision was already recorded. */
  recordDecision(record: DriftDecisionRecord): Promise<boolean> {
    const body = parseArgument(DriftDecisionRecordSchema, record, 'drift decision');
    return tryPut(this.store, driftDecisionKey(body.report_id), toStoredJson(body), { ifNoneMatch: '*', contentType: JSON_CONTENT_TYPE });
  }

  /** The recorded decision of report `id`, or undefined. */
  async decision(id: string): Promise<DriftDecisionRecord | undefined> {
    const key = driftDecisionKey(id);
    const object = await this.store.get(key);
    return object ? parseStored(DriftDecisionRecordSchema, object.body, key) : undefined;
  }

  /** Report ids, newest first, at most `limit`. */
  async list(limit: number): Promise<ReportId[]> {
    const keys = await this.store.list(REPORTS_PREFIX);
    const ids = new Set(keys.filter((key) => key.endsWith('.json')).map(reportIdOfKey).filter((id): id is string => id !== undefined));
    return [...ids].sort().reverse().slice(0, limit);
  }

  /** The HTML report `id`; ReportNotFoundError when absent. */
  async html(id: string): Promise<string> {
    const object = await this.store.get(reportKey(parseReportId(id), 'html'));
    if (!object) throw new ReportNotFoundError(`no drift report ${id}`);
    return object.body;
  }

  /** The document of report `id`; ReportNotFoundError when absent. */
  async document(id: string): Promise<DriftReportDocument> {
    const key = reportKey(parseReportId(id), 'json');
    const object = await this.store.get(key);
    if (!object) throw new ReportNotFoundError(`no drift report ${id}`);
    return parseStored(DriftReportDocumentSchema, object.body, key);
  }

  /** The decision state, or undefined before the first check. */
  async state(): Promise<DriftState | undefined> {
    const object = await this.store.get(driftStateKey());
    return object ? parseStored(DriftStateSchema, object.body, driftStateKey()) : undefined;
  }

  /** Replaces the state by `next(current)`, by compare-and-swap. */
  updateState(next: (current: DriftState | undefined) => DriftState): Promise<DriftState> {
    return compareAndSwap(this.store, driftStateKey(), this.retry, (current) => {
      const state = parseArgument(DriftStateSchema, next(current && parseStored(DriftStateSchema, current.body, driftStateKey())), 'drift state');
      return { write: toStoredJson(state), result: state, contentType: JSON_CONTENT_TYPE };
    });
  }
}
