/**
 * A candidate's verdict as GET /versions/<v> gives it, waited for and told in one line: the
 * decision, both scores, the gain with its interval and the holdout (source, rows), the reason.
 */
import { until, type HealApi } from './api.js';

export interface VerdictFigures {
  readonly version: string;
  readonly decision: string;
  readonly text: string;
  readonly decidedAt: number;
  readonly holdoutSource: string | undefined;
}

export async function waitForVerdict(api: HealApi, version: string, timeoutMs: number): Promise<VerdictFigures> {
  const detail = await until(`the verdict of ${version}`, async () => {
    const detail = await api.get(`/versions/${version}`);
    return detail.verdict ? detail : undefined;
  }, timeoutMs);
  return describeVerdict(detail);
}

export function describeVerdict(detail: any): VerdictFigures {
  const v = detail.verdict;
  const score = (x: number | null | undefined) => (typeof x === 'number' ? x.toFixed(4) : 'n/a');
  const c = v.comparison;
  const comparison = c
    ? `; gain ${c.gain.toFixed(4)}, ${(c.confidence * 100).toFixed(0)}% interval [${c.interval[0].toFixed(4)}, ${c.interval[1].toFixed(4)}] ` +
      `over ${c.samples} resamples of ${c.rows} holdout rows (${c.holdout.source})`
    : '; no paired comparison';
  const text =
    `${detail.version} ${v.decision}: ${v.primary_metric} candidate ${score(v.candidate_score)} vs production ${v.production_version ?? 'none'} ` +
    `${score(v.production_score)}${comparison} — ${v.reason}`;
  return { version: detail.version, decision: v.decision, text, decidedAt: Date.parse(v.decided_at), holdoutSource: c?.holdout.source };
}
