/**
 * Which model answered when, around a promotion under load. The pointer moves between `sentAt`
 * (the `POST /promote` request left) and `answeredAt` (its 200 came back); each predict worker
 * notices within `ALM_MODEL_CHECK_SECONDS` of its last check and loads the new model in the
 * background while it keeps answering with the old one (stale-while-revalidate), so the switch
 * has *settled* once that interval and the reload have passed: `settleMs` after `answeredAt`.
 * Answers received before `sentAt` must all be the old version, after the settle deadline all
 * the new one, and in between either. Pure.
 */
import type { Answer } from './loadRun.js';

export interface Promotion {
  readonly from: string;
  readonly to: string;
  readonly sentAt: number;
  readonly answeredAt: number;
}

export interface VersionCounts {
  readonly old: number;
  readonly new: number;
  /** Any other version, or no version at all. */
  readonly other: number;
}

export interface VersionTimeline {
  readonly beforeSent: VersionCounts;
  readonly during: VersionCounts;
  readonly afterSettle: VersionCounts;
  readonly settleDeadline: number;
  /** When the last old-version answer and the first new-version answer came, relative to `answeredAt` (ms). */
  readonly lastOldMs: number | null;
  readonly firstNewMs: number | null;
}

export function versionTimeline(answers: readonly Answer[], promotion: Promotion, settleMs: number): VersionTimeline {
  const settleDeadline = promotion.answeredAt + settleMs;
  const counts = () => ({ old: 0, new: 0, other: 0 });
  const beforeSent = counts();
  const during = counts();
  const afterSettle = counts();
  let lastOld: number | null = null;
  let firstNew: number | null = null;
  for (const answer of answers) {
    const phase = answer.at < promotion.sentAt ? beforeSent : answer.at > settleDeadline ? afterSettle : during;
    if (answer.version === promotion.from) {
      phase.old += 1;
      lastOld = Math.max(lastOld ?? answer.at, answer.at);
    } else if (answer.version === promotion.to) {
      phase.new += 1;
      firstNew = Math.min(firstNew ?? answer.at, answer.at);
    } else phase.other += 1;
  }
  const relative = (at: number | null) => (at === null ? null : at - promotion.answeredAt);
  return { beforeSent, during, afterSettle, settleDeadline, lastOldMs: relative(lastOld), firstNewMs: relative(firstNew) };
}
