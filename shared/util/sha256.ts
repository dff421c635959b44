import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * SHA-256, the project's one content hash: of a text's UTF-8 bytes, as 64 lowercase hex
 * characters. Used for dataset digests, artifact checksums, `model.json`'s checksum and run keys.
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A hex SHA-256 as `sha256Hex` writes it. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256 (64 lowercase hex characters)');
export type Sha256Hex = z.infer<typeof Sha256HexSchema>;
