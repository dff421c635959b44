import { expect } from 'vitest';
import { ProductionPointerSchema, type ProductionPointer } from '../../shared/registry/schemas.js';

/** The invariants of a pointer: consecutive sequences from 1, each event's previous is the event before it, pointer = last event. */
export function expectConsistentChain(pointer: ProductionPointer): void {
  ProductionPointerSchema.parse(pointer);
  pointer.history.forEach((event, i) => {
    expect(event.sequence).toBe(i + 1);
    expect(event.previous).toBe(i === 0 ? null : pointer.history[i - 1].version);
  });
  const last = pointer.history.at(-1)!;
  expect([pointer.version, pointer.sequence, pointer.previous]).toEqual([last.version, last.sequence, last.previous]);
}
