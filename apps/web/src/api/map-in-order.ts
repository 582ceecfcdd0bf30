/**
 * `fn` of each item, at most `atOnce` running at a time, the results in the items' order; rejects with the
 * first failure (the calls already started run on).
 * @example const pages = await mapInOrder(cursors, 4, (cursor) => api.get(`/api/sops?cursor=${cursor}`));
 */
export async function mapInOrder<T, R>(items: readonly T[], atOnce: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}
