/**
 * The drift reports the stack wrote (GET /reports, then each /reports/<id>.json), reduced to what
 * the heal benchmark counts: each check's window, action, reasons and whether it asked for a
 * training. `splitAtOnset` separates the stationary phase's checks (window.to before the onset)
 * from the ones after it.
 */
import type { HealApi } from './api.js';

export interface CheckSummary {
  readonly id: string;
  readonly windowTo: number;
  readonly action: string;
  readonly trainRequested: boolean;
  readonly largeDrift: boolean;
  readonly generatedAt: number;
  readonly reasons: readonly string[];
  readonly modelVersion: string;
}

export async function readChecks(api: HealApi): Promise<CheckSummary[]> {
  const listing = (await api.get('/reports')) as { reports: { id: string; json: string }[] };
  if (!Array.isArray(listing.reports)) throw new Error('GET /reports: no reports array');
  const checks: CheckSummary[] = [];
  for (const entry of listing.reports) {
    const report = await api.get(entry.json);
    checks.push({
      id: report.id,
      windowTo: Date.parse(report.window.to),
      action: report.decision.action,
      trainRequested: report.decision.train_requested === true,
      largeDrift: report.decision.large_drift === true,
      generatedAt: Date.parse(report.generated_at),
      reasons: report.decision.reasons ?? [],
      modelVersion: report.model_version,
    });
  }
  return checks.sort((a, b) => a.windowTo - b.windowTo);
}

export function splitAtOnset(checks: readonly CheckSummary[], onsetAt: number, endAt: number) {
  return {
    stationary: checks.filter((c) => c.windowTo < onsetAt),
    drifted: checks.filter((c) => c.windowTo >= onsetAt && c.windowTo <= endAt),
  };
}

export const isRetrain = (check: CheckSummary) => check.action === 'retrain';
