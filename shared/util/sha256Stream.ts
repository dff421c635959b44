import { createHash } from 'node:crypto';
import type { Sha256Hex } from './sha256.js';

/**
 * `sha256Hex`, computed incrementally over a stream of byte chunks: the digest of the chunks'
 * concatenation, the same as `sha256Hex` of their UTF-8 text. `digest()` is known once the
 * stream has been read to its end.
 */
export class Sha256Stream {
  private readonly hash = createHash('sha256');
  private hex: Sha256Hex | undefined;

  /** `chunks`, passed through unchanged, each one hashed on its way. */
  async *through(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      this.hash.update(chunk);
      yield chunk;
    }
    this.hex = this.hash.digest('hex');
  }

  /** The hex digest; throws before `through` has reached the end of its stream. */
  digest(): Sha256Hex {
    if (this.hex === undefined) throw new Error('the stream has not been read to its end');
    return this.hex;
  }
}
