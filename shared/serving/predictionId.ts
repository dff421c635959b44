import type { Clock } from '../ports/clock.js';
import { InvalidPredictionIdError } from './errors.js';
import { PredictionIdSchema, predictionIdTime, type PredictionId } from '../registry/schemas.js';

/** Fills `bytes` with random bytes. The default is the platform's cryptographic generator. */
export type RandomFill = (bytes: Uint8Array) => void;

const cryptoFill: RandomFill = (bytes) => void crypto.getRandomValues(bytes);
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Random bytes drawn per call of `random` (8 per id for rand_b, 2 per new millisecond for the counter seed). */
const POOL_BYTES = 4096;
const COUNTER_MAX = 0xfff;

/**
 * A generator of prediction ids: RFC 9562 UUIDv7, lowercase.
 * - bits 0–47: `unix_ts_ms` from `clock.now()`; 48–51: version 7; 64–65: variant `10`;
 * - `rand_a` (12 bits) is a counter, RFC 9562 §6.2 method 1 (fixed-length dedicated counter):
 *   seeded at random with its top bit clear on each new millisecond (so at least 2,048 ids fit
 *   in one ms) and incremented within the same ms. When the clock goes back, the generator
 *   keeps its last timestamp and counts on; when the counter overflows, it moves its timestamp
 *   1 ms ahead and reseeds. So ids of one generator sort in the order they were made, and an
 *   id's time may lead the clock by a few ms under a burst (over 2,048 ids in a ms) or after a
 *   clock step back;
 * - `rand_b` (62 bits) is random.
 */
export function createPredictionIds(clock: Clock, random: RandomFill = cryptoFill): () => PredictionId {
  const pool = new Uint8Array(POOL_BYTES);
  let next = POOL_BYTES;
  const take = (n: number): number => {
    if (next + n > POOL_BYTES) {
      random(pool);
      next = 0;
    }
    next += n;
    return next - n;
  };
  const seedCounter = (): number => {
    const at = take(2);
    return ((pool[at] << 8) | pool[at + 1]) & 0x7ff;
  };
  let lastMs = -1;
  let counter = 0;

  return () => {
    const now = clock.now().getTime();
    if (now > lastMs) {
      lastMs = now;
      counter = seedCounter();
    } else if (++counter > COUNTER_MAX) {
      lastMs += 1;
      counter = seedCounter();
    }
    const time = lastMs.toString(16).padStart(12, '0');
    const r = take(8);
    return (
      `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}-` +
      `${HEX[(pool[r] & 0x3f) | 0x80]}${HEX[pool[r + 1]]}-` +
      `${HEX[pool[r + 2]]}${HEX[pool[r + 3]]}${HEX[pool[r + 4]]}${HEX[pool[r + 5]]}${HEX[pool[r + 6]]}${HEX[pool[r + 7]]}`
    );
  };
}

/**
 * The time in a prediction id (its 48-bit ms prefix): which log partition the prediction lives
 * in. Text that is not a UUIDv7 is an InvalidPredictionIdError.
 */
export function predictionTime(id: string): Date {
  if (!PredictionIdSchema.safeParse(id).success) {
    throw new InvalidPredictionIdError(`'${id.slice(0, 64)}' is not a prediction id (a lowercase UUIDv7)`);
  }
  return predictionIdTime(id);
}
