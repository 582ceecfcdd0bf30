// Counts a bench worker's calls on its store, by method (an empty `claimRuns` counted apart), for the (b) rows' protocol columns.
import type { RunStore } from '@sopflow/engine';

/** Call counts by store method; `claimRuns:empty` counts the claims that found nothing. */
export type StoreCalls = Record<string, number>;

/** The store with every method call counted in `calls`; the store itself is not changed. */
export function countStoreCalls(store: RunStore): { store: RunStore; calls: StoreCalls } {
  const calls: StoreCalls = {};
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls[key] = (calls[key] ?? 0) + 1;
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (key === 'claimRuns') void (result as Promise<string[]>).then((ids) => { if (ids.length === 0) calls['claimRuns:empty'] = (calls['claimRuns:empty'] ?? 0) + 1; }, () => undefined);
        return result;
      };
    },
  });
  return { store: counted, calls };
}
