import { InvalidOptionsError } from '../errors.js';
import type { Random } from '../util/random.js';
import type { Table } from './table.js';

/**
 * A uniform sample of at most `capacity` rows from a stream of unknown length, in O(capacity)
 * memory: Vitter's Algorithm R (each of the n rows seen is kept with probability capacity / n),
 * driven by a seeded `Random`, so a seed gives the same sample of the same stream. `table()`
 * returns the kept rows in stream order.
 */
export class ReservoirSample {
  private readonly kept: { readonly row: number; readonly fields: readonly string[] }[] = [];
  private seen = 0;

  constructor(
    private readonly capacity: number,
    private readonly random: Random,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new InvalidOptionsError(`a sample holds at least one row, got ${capacity}`);
  }

  offer(fields: readonly string[]): void {
    const row = this.seen++;
    if (this.kept.length < this.capacity) {
      this.kept.push({ row, fields });
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.kept[slot] = { row, fields };
  }

  /** Rows offered so far. */
  get rowsSeen(): number {
    return this.seen;
  }

  /** The kept rows as a table with `columns`, in the order they were offered. */
  table(columns: readonly string[]): Table {
    const rows = [...this.kept].sort((a, b) => a.row - b.row);
    return { columns, cells: columns.map((_, c) => rows.map((r) => r.fields[c])), nRows: rows.length };
  }
}
