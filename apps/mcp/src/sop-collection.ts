import { stringify } from 'yaml';
import type { Collection, CollectionSection } from '@sopflow/format';
import type { SopSummary, WorkstreamView } from '@sopflow/service';

/**
 * Pure; the tenant's library as a `.sop` collection: one section per workstream (in the given
 * order, then "Other" for SOPs in none), each entry linking the SOP's `.osop` relative to the
 * collection (`{id}.osop`) with its title, description, status and semver.
 */
export function sopCollection(tenantId: string, sops: readonly SopSummary[], workstreams: readonly WorkstreamView[]): Collection {
  const entry = (sop: SopSummary) => ({
    ref: `${sop.id}.osop`, title: sop.title, ...(sop.description === null ? {} : { description: sop.description }),
    status: sop.status, version: sop.version.semver, workflow_id: sop.workflowId,
  });
  const sections: CollectionSection[] = [];
  for (const ws of workstreams) {
    const inIt = sops.filter((s) => s.workstreamId === ws.id);
    if (inIt.length > 0) sections.push({ name: ws.name, workflows: inIt.map(entry) });
  }
  const known = new Set(workstreams.map((w) => w.id));
  const other = sops.filter((s) => s.workstreamId === null || !known.has(s.workstreamId));
  if (other.length > 0) sections.push({ name: 'Other', workflows: other.map(entry) });
  return { sop_version: '1.0', id: tenantId, name: `SOPs of ${tenantId}`, description: 'Every SOP of the tenant, drafts and archived ones included (see each status); only active SOPs run.', sections };
}

/** Pure; the collection as YAML text. */
export function stringifyCollection(collection: Collection): string {
  return stringify(collection, { lineWidth: 0 });
}
