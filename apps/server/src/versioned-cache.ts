/** How long a kept value serves, how many are kept, and the clock (tests move it). */
export interface VersionedCacheOptions {
  ttlMs: number;
  max: number;
  now?: () => number;
}

/**
 * Values kept by key for at most `ttlMs`, each tagged with the version of what it was read from:
 * a value of another version is never served. Concurrent loads of one key at one version share
 * one promise; a failed load is not kept; past `max` keys the oldest goes first.
 */
export interface VersionedCache<T> {
  /**
   * The value kept under `key` at `version` (read before `load` runs, so a change during the load makes it stale), else what `load` gives;
   * an undefined version (unknown now) neither serves nor keeps anything.
   */
  get(key: string, version: number | undefined, load: () => Promise<T>): Promise<T>;
  delete(key: string): void;
  readonly size: number;
}

interface Kept<T> { version: number; until: number; value: Promise<T> }

/** A VersionedCache in this process's memory. */
export function createVersionedCache<T>(options: VersionedCacheOptions): VersionedCache<T> {
  const now = options.now ?? Date.now;
  const kept = new Map<string, Kept<T>>();
  return {
    get(key, version, load) {
      if (version === undefined) return load();
      const at = now();
      const hit = kept.get(key);
      if (hit !== undefined && hit.version === version && at < hit.until) return hit.value;
      const entry: Kept<T> = { version, until: at + options.ttlMs, value: load() };
      kept.delete(key);
      if (kept.size >= options.max) kept.delete(kept.keys().next().value!);
      kept.set(key, entry);
      entry.value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return entry.value;
    },
    delete(key) {
      kept.delete(key);
    },
    get size() {
      return kept.size;
    },
  };
}
