/**
 * The load's figures as one plain-text table (figure | value), in `cli/formatTable`'s layout, for
 * the test's output and `npm run bench:load`. Pure: it formats a `LoadReport`, measures nothing.
 */
import { formatTable } from '../../cli/formatTable.js';
import { FLAT_RULE, flatMemory, type FlatVerdict } from './flatMemory.js';
import type { LoadReport } from './loadScenario.js';
import { MiB, type MemorySample } from './processMemory.js';

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const memory = (m: MemorySample) => `${mib(m.rssBytes)} (anon ${mib(m.anonBytes)})`;
const verdict = (v: FlatVerdict) => `${v.flat ? 'yes' : 'NO'} (limit ${mib(v.limitBytes)})`;
const ms = (v: number | null) => (v === null ? 'none' : `${v >= 0 ? '+' : ''}${(v / 1000).toFixed(2)} s`);

/** The samples at 0%, 10%, …, 100% of the run. */
function deciles(samples: readonly MemorySample[]): MemorySample[] {
  return Array.from({ length: 11 }, (_, i) => samples[Math.round((i / 10) * (samples.length - 1))]);
}

export function loadTable(report: LoadReport): string {
  const { run, memory: m, timeline: t, accounting: a, promotion: p } = report;
  const flat = flatMemory(m.warmUpPeak.rssBytes, m.endPeak.rssBytes);
  const flatAnon = flatMemory(m.warmUpPeak.anonBytes, m.endPeak.anonBytes);
  const rows: [string, string][] = [
    ['requests (measured run)', `${run.requests.toLocaleString('en-US')} POST /predict, 1 record each, ${report.plan.connections} connections (after ${report.plan.warmUpRequests.toLocaleString('en-US')} warm-up)`],
    ['duration', `${run.seconds.toFixed(1)} s`],
    ['throughput', `${run.requestsPerSecond.toFixed(0)} req/s`],
    ['latency p50 / p99 / max', `${run.p50Ms} / ${run.p99Ms} / ${run.maxMs} ms`],
    ['errors', `${run.non2xx} non-2xx, ${run.badBodies} 2xx without a prediction, ${run.timeouts} timeouts, ${run.errors} socket errors (incl. timeouts), ${run.resets} resets`],
    ['promotion', `${p.from} → ${p.to} via POST /promote after ${report.plan.promoteAfter.toLocaleString('en-US')} answers (${p.status}, ${p.answeredAt - p.sentAt} ms)`],
    ['answers by version', `before: ${t.beforeSent.old} ${p.from}, ${t.beforeSent.new} ${p.to}; switching: ${t.during.old} / ${t.during.new}; settled: ${t.afterSettle.old} / ${t.afterSettle.new}; other ${t.beforeSent.other + t.during.other + t.afterSettle.other}`],
    ['switch', `first ${p.to} answer ${ms(t.firstNewMs)}, last ${p.from} answer ${ms(t.lastOldMs)} after the promote's 200 (settle bound ${ms(t.settleDeadline - p.answeredAt)})`],
    ['memory at start (idle)', memory(m.start)],
    ['memory after warm-up', `${memory(m.afterWarmUp)}; warm-up peak ${memory(m.warmUpPeak)}`],
    ['memory at end', `${memory(m.end)}; peak of the last ${FLAT_RULE.endShare * 100}% ${memory(m.endPeak)}`],
    ['RSS over the run (each 10%)', deciles(m.samples).map((sample) => (sample.rssBytes / MiB).toFixed(0)).join(' ') + ' MiB'],
    [`flat: end peak ≤ warm-up peak × ${FLAT_RULE.factor} + ${mib(FLAT_RULE.slackBytes)}`, `RSS ${verdict(flat)}, anon ${verdict(flatAnon)}`],
    ['prediction log', `${a.answered.toLocaleString('en-US')} answered, ${a.logged.toLocaleString('en-US')} logged, ${a.lost} lost, ${a.unknown} unknown, ${a.duplicates} duplicate lines (drained in ${report.drainSeconds.toFixed(0)} s)`],
  ];
  return formatTable(['figure', 'value'], rows);
}
