/**
 * `npm run bench:load`'s verdict on a `LoadReport`: the checks that test/load.integration.test.ts
 * asserts at its bounded size, each failed one as a line (none: the run passed). Pure.
 */
import { flatMemory } from './flatMemory.js';
import type { LoadReport } from './loadScenario.js';

export function loadChecks(report: LoadReport): string[] {
  const failed: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || failed.push(what));
  for (const [name, run, expected] of [['warm-up', report.warmUp, report.plan.warmUpRequests], ['run', report.run, report.plan.requests]] as const) {
    check(run.answers.length === expected, `${name}: ${run.answers.length} answers of ${expected} requests`);
    check(run.non2xx + run.badBodies + run.errors + run.timeouts + run.resets === 0, `${name}: ${run.non2xx} non-2xx, ${run.badBodies} bad bodies, ${run.errors} errors, ${run.timeouts} timeouts, ${run.resets} resets`);
  }
  const { timeline: t, promotion: p } = report;
  check(p.status === 200, `POST /promote answered ${p.status}`);
  check(report.warmUpVersions.length === 1 && report.warmUpVersions[0] === p.from, `warm-up answered by ${report.warmUpVersions.join(', ')}`);
  check(t.beforeSent.new + t.beforeSent.other === 0, `before the promotion: ${t.beforeSent.new} ${p.to} and ${t.beforeSent.other} other answers`);
  check(t.during.other === 0, `while switching: ${t.during.other} answers from neither version`);
  check(t.afterSettle.old + t.afterSettle.other === 0 && t.afterSettle.new > 0, `once settled: ${t.afterSettle.old} ${p.from}, ${t.afterSettle.other} other, ${t.afterSettle.new} ${p.to} answers`);
  const m = report.memory;
  check(flatMemory(m.warmUpPeak.rssBytes, m.endPeak.rssBytes).flat, 'memory not flat (RSS)');
  check(flatMemory(m.warmUpPeak.anonBytes, m.endPeak.anonBytes).flat, 'memory not flat (anonymous RSS)');
  const a = report.accounting;
  const served = report.plan.warmUpRequests + report.plan.requests;
  check(a.answered === served && a.logged === served && a.lost + a.unknown + a.duplicates + a.reusedIds === 0, `prediction log: ${JSON.stringify(a)}`);
  return failed;
}
