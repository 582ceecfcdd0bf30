import type { ProcessRecords } from '@sopflow/store';

/** Counts every call to the store's Process OS ports (each is one query, or a fixed few) while `work` runs. */
export async function countStoreCalls(records: ProcessRecords, work: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const restore: (() => void)[] = [];
  for (const [port, methods] of Object.entries(records) as [string, Record<string, unknown>][]) {
    for (const [name, method] of Object.entries(methods)) {
      if (typeof method !== 'function') continue;
      methods[name] = (...args: unknown[]) => { counts[`${port}.${name}`] = (counts[`${port}.${name}`] ?? 0) + 1; return method.apply(methods, args); };
      restore.push(() => { methods[name] = method; });
    }
  }
  try {
    await work();
  } finally {
    for (const undo of restore) undo();
  }
  return counts;
}
