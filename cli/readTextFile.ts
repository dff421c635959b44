import { readFileSync } from 'node:fs';
import { UsageError } from '../shared/edge/usageError.js';

/** Reads a UTF-8 file; an unreadable path is a usage error naming it. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? 'unreadable';
    throw new UsageError(`cannot read '${path}': ${why}`, { cause });
  }
}
