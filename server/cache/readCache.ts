import type { StoreChanges } from '../store/changeTracking';

/** A value read through the cache, with its JSON text (serialised once, however often it is served). */
export interface CachedRead<T> {
  readonly value: T;
  json(): string;
}

/**
 * Reads served from memory while the database has not changed: each value is kept for one generation of
 * `StoreChanges`, so a write of this process is seen by the next read and one of another process within the
 * freshness bound. Only for reads outside transactions: a transaction reads the database itself.
 */
export interface ReadCache {
  /** `load()`'s value, loaded at most once per generation and key (concurrent readers share one load). */
  read<T>(key: string, load: () => Promise<T>): Promise<CachedRead<T>>;
}

class Entry<T> implements CachedRead<T> {
  value!: T;
  private text: string | null = null;
  readonly loaded: Promise<this>;

  constructor(load: () => Promise<T>) {
    this.loaded = load().then((value) => {
      this.value = value;
      return this;
    });
  }

  json(): string {
    return (this.text ??= JSON.stringify(this.value));
  }
}

/**
 * A read cache over `changes`. At most `maxEntries` values are kept per generation (past that, reads load
 * without keeping), so a flood of distinct keys — random bearer tokens — cannot grow it without bound.
 */
export function createReadCache(changes: StoreChanges, options: { maxEntries?: number } = {}): ReadCache {
  const maxEntries = options.maxEntries ?? 10_000;
  let entries = new Map<string, Entry<unknown>>();
  let entriesGeneration = -1;

  const lookup = <T>(key: string, load: () => Promise<T>): Promise<CachedRead<T>> => {
    const { generation } = changes;
    if (generation !== entriesGeneration) {
      entries = new Map();
      entriesGeneration = generation;
    }
    const kept = entries.get(key) as Entry<T> | undefined;
    if (kept) return kept.loaded;
    const entry = new Entry(load);
    if (entries.size < maxEntries) {
      const current = entries;
      current.set(key, entry);
      // A failed load is not kept: the next read tries again.
      entry.loaded.catch(() => current.get(key) === entry && current.delete(key));
    }
    return entry.loaded;
  };

  return {
    read(key, load) {
      // Settled at once on most reads; the promise only when the durable counter must be read first.
      const settled = changes.settled();
      return typeof settled === 'number' ? lookup(key, load) : settled.then(() => lookup(key, load));
    },
  };
}
