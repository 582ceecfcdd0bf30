import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Collection, CollectionEntry } from '@sopflow/format';
import type { SopRow, TenantRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { recordsOf, type ProcessContext } from '../process-os/tenant-actor.js';

/** A public document as served: its text, a strong ETag from its content hash, and the tenant it belongs to. */
export interface PublicDocument {
  tenant: { id: string; slug: string };
  text: string;
  /** `"sha256-…"`, quoted as an HTTP entity tag. */
  etag: string;
}

/** The stable URL path of a public SOP's `.osop`: `/sops/<tenant-slug>/<sop-id>.osop` (the collection links it; the server serves it). */
export function publicSopPath(tenantSlug: string, sopId: string): string {
  return `/sops/${encodeURIComponent(tenantSlug)}/${encodeURIComponent(sopId)}.osop`;
}

/**
 * The tenant's public `.sop` collection (no caller: it is public): every active SOP someone marked
 * public, one section per workstream (then "Other"), each entry linking its `.osop` at
 * `publicSopPath` with its title, description, version and workflow id. The text is deterministic,
 * so the ETag changes only when the collection does. `tenant` is a slug or id; omitted, the first
 * tenant created. No such tenant: not_found.
 */
export async function getPublicCollection(ctx: Pick<ProcessContext, 'store'>, tenant?: string): Promise<PublicDocument> {
  const records = recordsOf(ctx.store);
  const row = await publicTenant(ctx, tenant);
  const sops: SopRow[] = [];
  for (let afterId: string | undefined; ;) {
    const page = await serviceCall(() => records.sops.list(row.id, { status: 'active', isPublic: true, limit: 200, ...(afterId === undefined ? {} : { afterId }) }));
    sops.push(...page);
    if (page.length < 200) break;
    afterId = page[page.length - 1]!.id;
  }
  const versions = new Map((await serviceCall(() => records.sops.findVersions(row.id, sops.map((s) => s.currentVersionId)))).map((v) => [v.id, v]));
  const entry = (sop: SopRow): CollectionEntry => ({
    ref: publicSopPath(row.slug, sop.id), title: sop.title, ...(sop.description === null ? {} : { description: sop.description }),
    workflow_id: sop.workflowId, version: versions.get(sop.currentVersionId)?.semver ?? '1.0.0',
  });
  const workstreams = await serviceCall(() => records.sops.listWorkstreams(row.id));
  const sections: Collection['sections'] = [];
  for (const ws of workstreams) {
    const inIt = sops.filter((s) => s.workstreamId === ws.id);
    if (inIt.length > 0) sections.push({ name: ws.name, workflows: inIt.map(entry) });
  }
  const known = new Set(workstreams.map((w) => w.id));
  const other = sops.filter((s) => s.workstreamId === null || !known.has(s.workstreamId));
  if (other.length > 0) sections.push({ name: 'Other', workflows: other.map(entry) });
  const collection: Collection = {
    sop_version: '1.0', id: row.slug, name: row.name,
    description: `The public procedures of ${row.name}: each entry links its .osop workflow.`, sections,
  };
  return publicDocument(row, `# The public SOP collection of ${row.slug}, served for discovery (sopflow).\n${stringify(collection, { lineWidth: 0 })}`);
}

/** The `.osop` text of a public, active SOP of the tenant (slug or id), byte for byte as stored; anything else is not_found. */
export async function getPublicSopDocument(ctx: Pick<ProcessContext, 'store'>, tenant: string, sopId: string): Promise<PublicDocument & { fileName: string }> {
  const records = recordsOf(ctx.store);
  const row = await publicTenant(ctx, tenant);
  const sop = await serviceCall(() => records.sops.find(row.id, sopId));
  const version = sop === undefined || !sop.isPublic || sop.status !== 'active' ? undefined : await serviceCall(() => records.sops.findVersion(row.id, sop.currentVersionId));
  if (sop === undefined || version === undefined) throw new ServiceError('not_found', `no public SOP ${sopId}`, { sopId });
  return { ...publicDocument(row, version.text), fileName: `${sop.workflowId}.osop` };
}

async function publicTenant(ctx: Pick<ProcessContext, 'store'>, tenant: string | undefined): Promise<TenantRow> {
  const records = recordsOf(ctx.store);
  const row = tenant === undefined ? (await serviceCall(() => records.tenants.list()))[0] : await serviceCall(() => records.tenants.find(tenant));
  if (row === undefined) throw new ServiceError('not_found', tenant === undefined ? 'this server has no tenant yet' : `no tenant ${tenant}`, { tenant: tenant ?? null });
  return row;
}

function publicDocument(row: TenantRow, text: string): PublicDocument {
  return { tenant: { id: row.id, slug: row.slug }, text, etag: `"sha256-${createHash('sha256').update(text).digest('base64url')}"` };
}
