import { expect } from 'vitest';
import { InvalidInputError } from '../../shared/automl/errors.js';

/** A finite number in [0, 1] (a p-value, a share). */
export const inUnit = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1;

/** Runs `f`; it must throw an InvalidInputError (a typed 400), nothing else. */
export function refuses(f: () => unknown): void {
  let thrown: unknown;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidInputError);
}
