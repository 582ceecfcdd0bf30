import { describe, expect, it } from 'vitest';
import type { SopSummary } from '../api/api-types';
import { filterSops, pageOfSops } from './filter-sops';

const sop = (id: string, title: string, status: string, workstreamId: string | null, updatedAt: string): SopSummary => ({
  id, title, description: null, status, workstreamId, workflowId: id, allowOverlap: false, createdAt: updatedAt, updatedAt, stepCount: 3, delegation: { human_only: 1, trialing: 0, agent_supervised: 0, agent_autonomous: 2 }, lastRun: null,
  version: { id: `v-${id}`, semver: '1.0.0', contentHash: 'h', certification: 'approved', approvedBy: null, approvedAt: null },
});
const sops = [
  sop('b', 'Invoice check', 'active', 'fin', '2026-01-02T00:00:00Z'),
  sop('a', 'Vendor onboarding', 'draft', 'fin', '2026-01-03T00:00:00Z'),
  sop('c', 'Ticket review', 'active', null, '2026-01-01T00:00:00Z'),
];

describe('filterSops', () => {
  it('keeps SOPs whose title has every word of the search, in any case', () => {
    expect(filterSops(sops, { q: 'CHECK invoice' }).map((s) => s.id)).toEqual(['b']);
  });
  it('filters by status and by workstream, `none` meaning no workstream', () => {
    expect(filterSops(sops, { status: 'active', workstream: 'fin' }).map((s) => s.id)).toEqual(['b']);
    expect(filterSops(sops, { workstream: 'none' }).map((s) => s.id)).toEqual(['c']);
  });
  it('sorts by title by default, and by most recently updated on request', () => {
    expect(filterSops(sops, {}).map((s) => s.title)).toEqual(['Invoice check', 'Ticket review', 'Vendor onboarding']);
    expect(filterSops(sops, { sort: 'updated' }).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('pageOfSops', () => {
  const many = Array.from({ length: 7 }, (_, i) => sop(`s${i}`, `SOP ${i}`, 'active', null, '2026-01-01T00:00:00Z'));
  it('cuts the list into pages of `size`, the last one shorter, with the first row\'s index', () => {
    expect(pageOfSops(many, 1, 3)).toMatchObject({ page: 1, pages: 3, first: 0 });
    expect(pageOfSops(many, 3, 3).rows.map((s) => s.id)).toEqual(['s6']);
    expect(pageOfSops(many, 2, 3)).toMatchObject({ first: 3, rows: [{ id: 's3' }, { id: 's4' }, { id: 's5' }] });
  });
  it('shows the nearest page there is for a page out of range, and one empty page for no SOPs', () => {
    expect(pageOfSops(many, 9, 3)).toMatchObject({ page: 3, first: 6 });
    expect(pageOfSops(many, 0, 3)).toMatchObject({ page: 1, first: 0 });
    expect(pageOfSops([], 2, 3)).toEqual({ rows: [], page: 1, pages: 1, first: 0 });
  });
});
