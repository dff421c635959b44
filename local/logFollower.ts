import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Follows a growing log file from its current end, like `tail -f`: each `poll()` returns the
 * complete lines appended since the last one (a partial last line waits for its newline).
 * A missing file reads as empty.
 */
export class LogFollower {
  private offset: number;
  private pending = '';

  constructor(private readonly file: string) {
    this.offset = sizeOf(file);
  }

  poll(): string[] {
    const size = sizeOf(this.file);
    if (size <= this.offset) return [];
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const lines = (this.pending + buffer.toString('utf8')).split('\n');
    this.pending = lines.pop() ?? '';
    return lines;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
