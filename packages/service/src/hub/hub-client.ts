import { validateSource } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import { canonicalHubText, hubContentHash, publicKeyOf, publisherIdOf, signHubDocument, verifyHubSignature } from './hub-keys.js';
import { hubRequest, type HubConnection } from './hub-request.js';
import type { HubPackageVersion } from './publish-to-hub.js';
import type { HubRunReport } from './report-to-hub.js';
import type { HubRankingEntry, HubSearchInput, HubSearchResult } from './search-hub.js';

/** What a publish answered. */
export interface HubPublished { status: 'published' | 'unchanged'; name: string; version: string; contentHash: string; publisherId: string }

/** Signs the document with the private key (PEM) and publishes it; the hub checks everything again. */
export async function hubPublish(conn: HubConnection, document: string, privateKeyPem: string): Promise<HubPublished> {
  const body = { document, signature: signHubDocument(privateKeyPem, document), publicKey: publicKeyOf(privateKeyPem) };
  const answer = await hubRequest(conn, 'POST', '/api/hub/versions', body);
  const version = answer.version as { name: string; version: string; contentHash: string; publisherId: string };
  return { status: answer.status as HubPublished['status'], name: version.name, version: version.version, contentHash: version.contentHash, publisherId: version.publisherId };
}

/** Searches the hub: words, tags, node types and services named, sorted by relevance, community runs or name. */
export async function hubSearch(conn: HubConnection, input: HubSearchInput): Promise<{ results: HubSearchResult[] }> {
  const query = new URLSearchParams();
  if (input.text !== undefined && input.text !== '') query.set('q', input.text);
  for (const t of input.tags ?? []) query.append('tag', t);
  for (const t of input.nodeTypes ?? []) query.append('node_type', t);
  for (const s of input.services ?? []) query.append('service', s);
  if (input.sort !== undefined) query.set('sort', input.sort);
  if (input.limit !== undefined) query.set('limit', String(input.limit));
  const answer = await hubRequest(conn, 'GET', `/api/hub/search?${query.toString()}`);
  return { results: answer.results as HubSearchResult[] };
}

/**
 * Pulls NAME (latest: the highest release) or NAME@VERSION and checks it without trusting the hub: the document hashes
 * to the hash given, the signature verifies under the key given, the key is the publisher named
 * (and `expectPublisher` when given), and the document is that workflow and version and validates.
 * Any mismatch is invalid_data with `details.reason`, and nothing should be written. The document
 * returned is the canonical text that was checked (no BOM, LF line ends), whatever bytes the hub sent.
 */
export async function hubPull(conn: HubConnection, name: string, version?: string, options: { expectPublisher?: string } = {}): Promise<HubPackageVersion> {
  const exact = version === 'latest' ? undefined : version;
  const path = `/api/hub/packages/${encodeURIComponent(name)}/versions/${encodeURIComponent(exact ?? 'latest')}`;
  return verifyHubPackage(await hubRequest(conn, 'GET', path), name, exact, options.expectPublisher);
}

/** Sends one version's run figures (see collectRunFigures). */
export async function hubReport(conn: HubConnection, report: HubRunReport): Promise<{ accepted: true; name: string; version: string }> {
  const answer = await hubRequest(conn, 'POST', '/api/hub/reports', report);
  return { accepted: true, name: String(answer.name), version: String(answer.version) };
}

/** The hub's community-optimised ranking: the most-run versions with their success figures. */
export async function hubRankingOf(conn: HubConnection, limit?: number): Promise<{ ranking: HubRankingEntry[] }> {
  const answer = await hubRequest(conn, 'GET', `/api/hub/ranking${limit === undefined ? '' : `?limit=${limit}`}`);
  return { ranking: answer.ranking as HubRankingEntry[] };
}

/** Pure: the checks of hubPull on one hub answer; the package with its canonical document. */
export function verifyHubPackage(answer: Record<string, unknown>, name: string, version: string | undefined, expectPublisher?: string): HubPackageVersion {
  const refuse = (reason: string, message: string) => new ServiceError('invalid_data', `refused ${name}${version === undefined ? '' : `@${version}`} from the hub: ${message}`, { reason });
  const fields = ['name', 'version', 'document', 'contentHash', 'signature', 'publicKey', 'publisherId', 'publishedAt'] as const;
  if (fields.some((f) => typeof answer[f] !== 'string')) throw refuse('malformed', `the answer lacks ${fields.filter((f) => typeof answer[f] !== 'string').join(', ')}`);
  const served = Object.fromEntries(fields.map((f) => [f, answer[f] as string])) as unknown as HubPackageVersion;
  // The hash and the signature cover the canonical text, so that is what is checked and handed on.
  const pkg: HubPackageVersion = { ...served, document: canonicalHubText(served.document) };
  if (hubContentHash(pkg.document) !== pkg.contentHash) throw refuse('hash_mismatch', `the document hashes to ${hubContentHash(pkg.document).slice(0, 12)}…, not the ${pkg.contentHash.slice(0, 12)}… the hub gave: it was changed`);
  if (!verifyHubSignature(pkg.publicKey, pkg.document, pkg.signature)) throw refuse('bad_signature', `the signature does not verify under publisher ${pkg.publisherId}'s key: the document or the signature was changed`);
  let keyId: string;
  try {
    keyId = publisherIdOf(pkg.publicKey);
  } catch {
    throw refuse('bad_key', 'the publisher key is not an ed25519 key');
  }
  if (keyId !== pkg.publisherId) throw refuse('publisher_mismatch', `the key is ${keyId}, not the publisher ${pkg.publisherId} the hub named`);
  if (expectPublisher !== undefined && keyId !== expectPublisher) throw refuse('unexpected_publisher', `it is signed by ${keyId}, not by ${expectPublisher}`);
  const report = validateSource(pkg.document, `${name}.osop`);
  if (!report.valid || report.workflow === undefined) throw refuse('invalid_document', 'the document does not validate');
  if (report.workflow.id !== name || pkg.name !== name || (version !== undefined && (report.workflow.version !== version || pkg.version !== version)) || report.workflow.version !== pkg.version) {
    throw refuse('wrong_version', `the hub sent ${report.workflow.id}@${report.workflow.version ?? '?'}`);
  }
  return pkg;
}
