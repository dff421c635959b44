import type { Pipeline } from './pipeline.js';

/**
 * Why two pipelines' outputs cannot be scored against the same labels — different target name
 * or task, or different classes (in order) — or null when they can. Classes are compared as the
 * ordered lists the pipelines encode labels with.
 */
export function targetMismatch(a: Pipeline, b: Pipeline): string | null {
  if (a.target.name !== b.target.name || a.target.task !== b.target.task) {
    return `the models predict different targets (${a.target.name}/${a.target.task} vs ${b.target.name}/${b.target.task})`;
  }
  const [ca, cb] = [a.target.classes ?? [], b.target.classes ?? []];
  if (JSON.stringify(ca) !== JSON.stringify(cb)) return `the models have different classes (${ca.join(', ')} vs ${cb.join(', ')})`;
  return null;
}
