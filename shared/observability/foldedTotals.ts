import * as promClient from 'prom-client';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { InvalidMetricsPushError } from './errors.js';
import { METRIC_CATALOG, metricDefinition, type MetricDefinition } from '../ports/metricCatalog.js';
import type { MetricJson, MetricsPush } from './metricsJson.js';

type Aggregate = (metrics: MetricJson[]) => MetricJson | undefined;
/** prom-client's `aggregators` (exported, but not in its type declarations). */
const aggregate = (promClient as unknown as { aggregators: Record<'sum' | 'first' | 'max', Aggregate> }).aggregators;

/**
 * The running totals of the metrics sidecar: every push (a container's deltas) folded in by
 * its metric's rule in `METRIC_CATALOG`, with prom-client's aggregators (the ones
 * `AggregatorRegistry.aggregate` uses, which would sum every type, gauges included):
 * - `sum` (counters, histogram buckets, `_sum`, `_count`): `aggregators.sum` over [push, totals];
 * - `last`: `aggregators.first` over [push, totals] (the push is first: its value wins per label set);
 * - `max`: `aggregators.max`; `replace`: the push's series replace the metric's.
 * Label-less counters and the catalog's `initial` label sets start at 0. A push is validated
 * whole before anything is folded (InvalidMetricsPushError names the first problem).
 */
export class FoldedTotals {
  private readonly totals = new Map<string, MetricJson>(initialTotals().map((metric) => [metric.name, metric]));

  fold(push: MetricsPush): void {
    for (const metric of push) validate(metric);
    for (const metric of push) {
      const definition = metricDefinition(metric.name) as MetricDefinition;
      const current = this.totals.get(metric.name);
      const aggregator = aggregatorOf(definition);
      const incoming = { ...metric, help: definition.help, aggregator };
      const folded = !current || definition.fold === 'replace' ? aggregate.first([incoming]) : aggregate[aggregator]([incoming, current]);
      if (folded) this.totals.set(metric.name, folded);
    }
  }

  /** The totals as JSON (name order). */
  snapshot(): MetricJson[] {
    return [...this.totals.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The totals as a prom-client registry, for the exposition (`AggregatorRegistry.aggregate` of one snapshot each). */
  registry(): Registry {
    return AggregatorRegistry.aggregate([this.snapshot()] as unknown as Parameters<typeof AggregatorRegistry.aggregate>[0]);
  }
}

function aggregatorOf(definition: MetricDefinition): 'sum' | 'first' | 'max' {
  if (definition.fold === 'last' || definition.fold === 'replace') return 'first';
  return definition.fold === 'max' ? 'max' : 'sum';
}

function validate(metric: MetricJson): void {
  const definition = metricDefinition(metric.name);
  if (!definition) throw new InvalidMetricsPushError(`unknown metric '${metric.name}': not in the metric catalog`);
  if (definition.fold === 'collected') throw new InvalidMetricsPushError(`metric '${metric.name}' is read by the sidecar, not pushed`);
  if (metric.type !== definition.type) throw new InvalidMetricsPushError(`metric '${metric.name}' is a ${definition.type}, not a ${metric.type}`);
  const allowed = new Set<string>(definition.type === 'histogram' ? [...definition.labels, 'le'] : definition.labels);
  for (const sample of metric.values) {
    const foreign = Object.keys(sample.labels).find((label) => !allowed.has(label));
    if (foreign !== undefined) throw new InvalidMetricsPushError(`metric '${metric.name}' has no label '${foreign}' (labels: ${definition.labels.join(', ') || 'none'})`);
    if (!Number.isFinite(sample.value)) throw new InvalidMetricsPushError(`metric '${metric.name}' has a value that is not a finite number`);
    if (definition.fold === 'sum' && sample.value < 0) throw new InvalidMetricsPushError(`metric '${metric.name}' has a negative delta ${sample.value}`);
  }
}

function initialTotals(): MetricJson[] {
  return Object.entries(METRIC_CATALOG).flatMap(([name, raw]) => {
    const definition: MetricDefinition = raw;
    if (definition.type !== 'counter') return [];
    const labelSets = definition.labels.length === 0 ? [{}] : (definition.initial ?? []);
    if (labelSets.length === 0) return [];
    return [{ name, help: definition.help, type: 'counter' as const, aggregator: 'sum', values: labelSets.map((labels) => ({ value: 0, labels: { ...labels } })) }];
  });
}
