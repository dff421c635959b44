import { z } from 'zod';
import { UsageError } from '../edge/usageError.js';

const feature = z.string().min(1);

/**
 * The drift `alm simulate` injects from the onset on, as written on the command line (not yet
 * checked against the CSV; `resolveDrift` does that):
 * - `shift`: add `amount` to a numeric feature; `unit: 'std'` means `amount` × the feature's
 *   population std in the CSV;
 * - `scale`: multiply a numeric feature by `factor`;
 * - `frequencies`: draw rows so that the feature's categories have these relative weights (an
 *   unnamed category weighs its share in the CSV; see `rowWeights`);
 * - `relabel`: concept drift on a binary target: a row whose feature (as sent) exceeds
 *   `threshold` gets the positive label, besides the rows already positive.
 */
export const DriftSpecSchema = z.object({
  shift: z.array(z.object({ feature, amount: z.number(), unit: z.enum(['value', 'std']) })),
  scale: z.array(z.object({ feature, factor: z.number() })),
  frequencies: z.array(z.object({ feature, weights: z.record(z.string(), z.number().nonnegative()) })),
  relabel: z.array(z.object({ feature, threshold: z.number() })),
});
export type DriftSpec = z.infer<typeof DriftSpecSchema>;

/** The repeatable flags' texts, as parsed from the command line. */
export interface DriftFlagTexts {
  readonly shift?: readonly string[];
  readonly scale?: readonly string[];
  readonly frequencies?: readonly string[];
  readonly relabel?: readonly string[];
}

/** No drift at all. */
export const NO_DRIFT: DriftSpec = { shift: [], scale: [], frequencies: [], relabel: [] };

/**
 * Parses the flag texts; a malformed one is a UsageError quoting it and the expected form:
 * `--shift <feature>=<delta>` or `<feature>=<k>std`, `--scale <feature>=<factor>`,
 * `--frequencies <feature>=<category>:<weight>,…` (a category may not hold a comma; its weight
 * is after its last colon) and `--relabel <feature>><threshold>` (split at the last `>`).
 */
export function parseDriftFlags(texts: DriftFlagTexts): DriftSpec {
  return DriftSpecSchema.parse({
    shift: (texts.shift ?? []).map(parseShift),
    scale: (texts.scale ?? []).map(parseScale),
    frequencies: (texts.frequencies ?? []).map(parseFrequencies),
    relabel: (texts.relabel ?? []).map(parseRelabel),
  });
}

export function parseShift(text: string): DriftSpec['shift'][number] {
  const [name, value] = splitAt(text, '=', '--shift', '<feature>=<delta> or <feature>=<k>std');
  const std = /std$/i.test(value);
  const amount = finite(std ? value.slice(0, -3) : value);
  if (amount === undefined) throw bad('--shift', text, '<feature>=<delta> or <feature>=<k>std, with a finite number');
  return { feature: name, amount, unit: std ? 'std' : 'value' };
}

export function parseScale(text: string): DriftSpec['scale'][number] {
  const [name, value] = splitAt(text, '=', '--scale', '<feature>=<factor>');
  const factor = finite(value);
  if (factor === undefined) throw bad('--scale', text, '<feature>=<factor>, with a finite number');
  return { feature: name, factor };
}

export function parseFrequencies(text: string): DriftSpec['frequencies'][number] {
  const form = '<feature>=<category>:<weight>,<category>:<weight>';
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) throw bad('--frequencies', text, form);
  const weights: Record<string, number> = {};
  for (const part of text.slice(at + 1).split(',')) {
    const colon = part.lastIndexOf(':');
    const weight = colon > 0 ? finite(part.slice(colon + 1)) : undefined;
    if (weight === undefined || weight < 0) throw bad('--frequencies', text, `${form}, each weight a number ≥ 0`);
    const category = part.slice(0, colon);
    if (category in weights) throw bad('--frequencies', text, `${form}, each category once`);
    weights[category] = weight;
  }
  return { feature: text.slice(0, at), weights };
}

export function parseRelabel(text: string): DriftSpec['relabel'][number] {
  const [name, value] = splitAt(text, '>', '--relabel', '<feature>><threshold>');
  const threshold = finite(value);
  if (threshold === undefined) throw bad('--relabel', text, '<feature>><threshold>, with a finite number');
  return { feature: name, threshold };
}

/** `name` and `value` around the last `separator`, both non-empty. */
function splitAt(text: string, separator: string, flag: string, form: string): [string, string] {
  const at = text.lastIndexOf(separator);
  if (at <= 0 || at === text.length - 1) throw bad(flag, text, form);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** A finite number written in full (`1e3`, `-0.5`, `+2`), else undefined. */
function finite(text: string): number | undefined {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function bad(flag: string, text: string, form: string): UsageError {
  return new UsageError(`${flag} '${text}': expected ${form}`);
}
