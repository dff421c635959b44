import type { ObjectStore, PutOptions, StoredObject } from '../../shared/ports/objectStore.js';
import { MemoryObjectStore } from './memoryObjectStore.js';

export interface StoreCall {
  readonly op: 'get' | 'head' | 'put' | 'list';
  readonly key: string;
  readonly body?: string;
  readonly options?: PutOptions;
}

/** Wraps a store: records every call, and lets a test act just before a put reaches the store. */
export class SpyStore implements ObjectStore {
  readonly calls: StoreCall[] = [];
  beforePut?: (key: string, options: PutOptions) => Promise<void> | void;

  constructor(readonly inner: ObjectStore = new MemoryObjectStore()) {}

  /** The puts recorded so far (of `key` only, when given). */
  puts(key?: string): StoreCall[] {
    return this.calls.filter((call) => call.op === 'put' && (key === undefined || call.key === key));
  }

  get(key: string): Promise<StoredObject | undefined> {
    this.calls.push({ op: 'get', key });
    return this.inner.get(key);
  }

  head(key: string): Promise<{ etag: string } | undefined> {
    this.calls.push({ op: 'head', key });
    return this.inner.head(key);
  }

  async put(key: string, body: string, options: PutOptions = {}): Promise<{ etag: string }> {
    this.calls.push({ op: 'put', key, body, options });
    await this.beforePut?.(key, options);
    return this.inner.put(key, body, options);
  }

  list(prefix: string): Promise<string[]> {
    this.calls.push({ op: 'list', key: prefix });
    return this.inner.list(prefix);
  }
}
