import type { RunStore } from '@sopflow/engine';
import type { HubVersionSummary } from '@sopflow/store';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { recordsOf, requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';
import { latestVersion } from '@sopflow/format';
import { describeHubDocument } from './hub-document.js';
import { publisherIdOf, verifyHubSignature } from './hub-keys.js';

/** What a publisher sends: the document, its signature (base64 ed25519 over the canonical bytes) and the public key (PEM). */
export interface HubPublication { document: string; signature: string; publicKey: string }

/** A published version as the hub hands it out: enough to check the signature and the hash without trusting the hub. */
export interface HubPackageVersion {
  name: string; version: string; document: string; contentHash: string; signature: string; publicKey: string; publisherId: string; publishedAt: string;
}

/** The largest public key (PEM) and signature (base64) the hub reads. */
const MAX_KEY_CHARS = 1024;

/**
 * Publishes a version on this server's hub (needs `sops.publish`): the document validates and has
 * a semver version, the signature verifies over its canonical bytes, the name is free or bound to
 * this key (not_authorised otherwise), and name@version is new or holds exactly these bytes
 * (conflict otherwise: a version is immutable). `status: 'unchanged'` when it was already there.
 * A new version is recorded in the publishing tenant's admin audit log (`hub.publish`).
 */
export async function publishToHub(ctx: ProcessContext, input: HubPublication, now: Date = new Date()): Promise<{ status: 'published' | 'unchanged'; version: HubVersionSummary }> {
  const actor = requirePermission(ctx, 'sops.publish');
  if (input.publicKey.length > MAX_KEY_CHARS || input.signature.length > MAX_KEY_CHARS) throw new ServiceError('too_large', `the key and the signature are at most ${MAX_KEY_CHARS} characters`, { maxChars: MAX_KEY_CHARS });
  const doc = describeHubDocument(input.document);
  const publisherId = publisherIdOf(input.publicKey);
  if (!verifyHubSignature(input.publicKey, doc.text, input.signature)) {
    throw new ServiceError('invalid_input', `the signature does not verify for ${doc.name}@${doc.version} under key ${publisherId}`, { reason: 'bad_signature', publisherId });
  }
  const hub = recordsOf(ctx.store).hub;
  const at = now.toISOString();
  const { text, ...facets } = doc;
  const outcome = await hub.insertVersion({ name: doc.name, publisherId, publicKey: input.publicKey.trim(), createdAt: at }, {
    ...facets, text, signature: input.signature, publisherId, publishedAt: at,
  });
  switch (outcome) {
    case 'name_bound_to_other_key': {
      const owner = await hub.findPackage(doc.name);
      throw new ServiceError('not_authorised', `${doc.name} belongs to publisher ${owner?.publisherId ?? 'another key'}; publish it with that key or choose another id`, { name: doc.name, publisherId: owner?.publisherId ?? null });
    }
    case 'version_has_other_content':
      throw new ServiceError('conflict', `${doc.name}@${doc.version} is already published with other content; a version is immutable, publish a new version`, { name: doc.name, version: doc.version });
    case 'inserted':
    case 'unchanged': {
      const stored = await hub.findVersion(doc.name, doc.version);
      const { text: _t, signature: _s, searchText: _w, ...version } = stored!;
      if (outcome === 'inserted') {
        await recordsOf(ctx.store).audit.record({
          id: createId('au', now), tenantId: actor.tenantId, at, actor: actor.name, action: 'hub.publish', target: `${doc.name}@${doc.version}`, details: { publisherId, contentHash: version.contentHash },
        });
      }
      return { status: outcome === 'inserted' ? 'published' : 'unchanged', version };
    }
  }
}

/** One version of a name (`latest`, or none: the highest release, a pre-release only when there is no release) with its signature and key; not_found when there is none. Anyone may read. */
export async function getHubVersion(store: RunStore, name: string, version = 'latest'): Promise<HubPackageVersion> {
  const hub = recordsOf(store).hub;
  const pkg = await hub.findPackage(name);
  const chosen = version === 'latest' ? latestVersion((await hub.listVersions(name)).map((v) => v.version)) : version;
  const row = pkg === undefined || chosen === undefined ? undefined : await hub.findVersion(name, chosen);
  if (pkg === undefined || row === undefined) throw new ServiceError('not_found', `the hub has no ${name}${version === 'latest' ? '' : `@${version}`}`, { name, version });
  return {
    name, version: row.version, document: row.text, contentHash: row.contentHash, signature: row.signature, publicKey: pkg.publicKey, publisherId: row.publisherId, publishedAt: row.publishedAt,
  };
}

/** A name's versions, oldest first, and its publisher; not_found for an unknown name. */
export async function listHubVersions(store: RunStore, name: string): Promise<{ name: string; publisherId: string; versions: HubVersionSummary[] }> {
  const hub = recordsOf(store).hub;
  const pkg = await hub.findPackage(name);
  if (pkg === undefined) throw new ServiceError('not_found', `the hub has no ${name}`, { name });
  return { name, publisherId: pkg.publisherId, versions: await hub.listVersions(name) };
}
