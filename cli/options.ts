import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../shared/edge/usageError.js';

type Values = Record<string, string | boolean | undefined>;

/** `parseArgs`, strict, with its errors turned into UsageError. */
export function parseCommand(args: string[], options: NonNullable<ParseArgsConfig['options']>): { positionals: string[]; values: Values } {
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { positionals, values: values as Values };
  } catch (cause) {
    // One line, as every CLI error is (parseArgs explains some errors over three).
    throw new UsageError((cause as Error).message.split('\n').join(' '), { cause });
  }
}
