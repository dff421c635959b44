import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NamedError } from '../shared/errors/namedError.js';

/** A command line the CLI cannot use: printed as one line, exit code 2. */
export class UsageError extends NamedError {}

type Values = Record<string, string | boolean | undefined>;

/** `parseArgs`, strict, with its errors turned into UsageError. */
export function parseCommand(args: string[], options: NonNullable<ParseArgsConfig['options']>): { positionals: string[]; values: Values } {
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { positionals, values: values as Values };
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
}

export function integerOption(values: Values, name: string): number | undefined {
  const value = numberOption(values, name);
  if (value !== undefined && !Number.isInteger(value)) throw new UsageError(`--${name} must be an integer, got '${values[name]}'`);
  return value;
}

export function numberOption(values: Values, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${raw}'`);
  return value;
}

export function listOption(values: Values, name: string): string[] | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  return String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
