import type { z } from 'zod';
import { RegistryStatusSchema } from '../shared/lifecycle/registryStatus.js';
import { ServiceHealthSchema } from '../shared/lifecycle/serviceHealth.js';
import { DriftReportDocumentSchema, ReportListSchema } from '../shared/registry/schemas.js';
import { unseenReports, type Observation, type ServedCount, type TimelineState } from '../shared/simulation/timeline.js';
import type { TrafficCounters } from '../shared/simulation/trafficCounters.js';
import { callApi } from './apiClient.js';

/** Most unseen reports read per look. */
const REPORTS_PER_LOOK = 20;

/**
 * How `alm simulate` watches the stack: a look is GET /status, /reports (and the documents of
 * at most `REPORTS_PER_LOOK` reports the timeline has not seen, newest kept) and /health, in
 * parallel. A failed call is counted in `pollFailures`, warned about once per distinct message,
 * and leaves its part of the observation out. Public routes only.
 */
export function stackObserver(counters: TrafficCounters, say: (line: string) => void) {
  let lastWarning = '';
  const get = <S extends z.ZodType>(schema: S, path: string) =>
    callApi(schema, 'GET', path).catch((error: Error) => {
      counters.pollFailures++;
      if (error.message !== lastWarning) say(`warning: ${(lastWarning = error.message)}`);
      return undefined;
    });
  /** One look; `served` is what /predict answered with since the previous one; `ids` every report listed. */
  return async (state: TimelineState | undefined, served: ServedCount[]): Promise<{ observation: Observation; ids: string[] }> => {
    const [status, listing, health] = await Promise.all([get(RegistryStatusSchema, '/status'), get(ReportListSchema, '/reports'), get(ServiceHealthSchema, '/health')]);
    const paths = new Map(listing?.reports.map((r) => [r.id, r.json]) ?? []);
    const unseen = state ? unseenReports(state, [...paths.keys()]).slice(-REPORTS_PER_LOOK) : [];
    const reports = (await Promise.all(unseen.map((id) => get(DriftReportDocumentSchema, paths.get(id) as string)))).filter((r) => r !== undefined);
    return { observation: { observed_at: Date.now(), status, reports, served, health_version: health?.model_version }, ids: [...paths.keys()] };
  };
}
