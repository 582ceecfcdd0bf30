import type { SopSummary } from '../api/api-types';

export type SopSort = 'title' | 'updated' | 'status';

export interface SopFilter {
  q?: string;
  status?: string;
  workstream?: string;
  sort?: SopSort;
}

/** How many SOPs the library shows at once: the rest are further pages (the DOM holds one page of rows, whatever the library's size). */
export const LIBRARY_PAGE_SIZE = 100;

/** One page of a list: its rows, the page shown (1-based, kept within the pages there are), how many pages, and the first row's index. */
export interface SopPage { rows: SopSummary[]; page: number; pages: number; first: number }

/** The workstream filter's value for SOPs in none. */
export const NO_WORKSTREAM = 'none';

/**
 * Pure; the SOPs that match every filter: status, workstream (or `none`), and each word of `q`
 * in the title, workflow id or description (case-insensitive), sorted.
 */
export function filterSops(sops: readonly SopSummary[], filter: SopFilter): SopSummary[] {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
  const matches = sops.filter((sop) => {
    if (filter.status !== undefined && sop.status !== filter.status) return false;
    if (filter.workstream !== undefined && (sop.workstreamId ?? NO_WORKSTREAM) !== filter.workstream) return false;
    if (words.length === 0) return true;
    const text = `${sop.title} ${sop.workflowId} ${sop.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const sort = filter.sort ?? 'title';
  const order = { active: 0, draft: 1, archived: 2 } as Record<string, number>;
  return matches.sort((a, b) => {
    switch (sort) {
      case 'updated': return b.updatedAt.localeCompare(a.updatedAt);
      case 'status': return (order[a.status] ?? 3) - (order[b.status] ?? 3) || a.title.localeCompare(b.title);
      case 'title': return a.title.localeCompare(b.title);
    }
  });
}

/** Pure; page `page` (1-based; out of range → the nearest page there is) of `sops`, `size` a page. */
export function pageOfSops(sops: readonly SopSummary[], page: number, size = LIBRARY_PAGE_SIZE): SopPage {
  const pages = Math.max(1, Math.ceil(sops.length / size));
  const shown = Math.min(pages, Math.max(1, Math.floor(page)));
  const first = (shown - 1) * size;
  return { rows: sops.slice(first, first + size), page: shown, pages, first };
}
