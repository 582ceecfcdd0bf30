/**
 * Pure; makes procedure titles unique within one import: the second "Emergency shutdown" becomes
 * "Emergency shutdown (2)", so two drafts of one document never share a name.
 */
export function uniqueTitles(titles: string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(titles.map((t) => t.toLowerCase()));
  return titles.map((title) => {
    const key = title.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return title;
    let k = n;
    while (taken.has(`${key} (${k})`)) k++;
    taken.add(`${key} (${k})`);
    return `${title} (${k})`;
  });
}
