import { createHash } from 'node:crypto';
import { PreconditionFailedError } from '../../shared/ports/errors.js';
import type { ObjectStore, PutOptions, StoredObject } from '../../shared/ports/objectStore.js';

/** Quoted hex MD5 of the UTF-8 body: S3's ETag of a single-part upload. */
function md5Etag(body: string): string {
  return `"${createHash('md5').update(body, 'utf8').digest('hex')}"`;
}

/** ETags compare as S3 compares them: the surrounding quotes do not matter. */
function sameEtag(a: string, b: string): boolean {
  return a.replaceAll('"', '') === b.replaceAll('"', '');
}

/**
 * Test double: an in-memory `ObjectStore` with S3's semantics, for unit tests: ETag = quoted MD5 (so identical
 * bodies have identical ETags, as on S3), conditions checked and applied atomically, absent keys
 * read as undefined. Every call yields to the event loop first, so concurrent callers interleave.
 */
export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, StoredObject>();

  async get(key: string): Promise<StoredObject | undefined> {
    await Promise.resolve();
    return this.objects.get(key);
  }

  async head(key: string): Promise<{ etag: string } | undefined> {
    await Promise.resolve();
    const object = this.objects.get(key);
    return object ? { etag: object.etag } : undefined;
  }

  async put(key: string, body: string, options: PutOptions = {}): Promise<{ etag: string }> {
    await Promise.resolve();
    const existing = this.objects.get(key);
    if (options.ifNoneMatch === '*' && existing) {
      throw new PreconditionFailedError(`put ${key}: the key already exists (If-None-Match: *)`);
    }
    if (options.ifMatch !== undefined && (!existing || !sameEtag(existing.etag, options.ifMatch))) {
      throw new PreconditionFailedError(`put ${key}: ${existing ? 'the ETag changed' : 'the key is absent'} (If-Match)`);
    }
    const etag = md5Etag(body);
    this.objects.set(key, { body, etag });
    return { etag };
  }

  async list(prefix: string): Promise<string[]> {
    await Promise.resolve();
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
