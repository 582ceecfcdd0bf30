import { loadCollection, validateSource, type Collection, type Diagnostic } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import { describeOperation, unreadableOperation, type Operation } from './describe-operation.js';
import { DEFAULT_FETCH_LIMITS, fetchLimited, parseHttpUrl, type FetchLimits } from './fetch-limited.js';

/** What a site's `.sop` collection offers. */
export interface DiscoveredSite {
  /** Where the collection was read (after redirects). */
  collectionUrl: string;
  collection: { id: string; name: string; description: string | null; version: string | null };
  operations: Operation[];
}

/** At most this many collection entries are read (each `.osop` is one more fetch). */
export const MAX_OPERATIONS = 200;

/** How long one discovery may take in all — the collection and every `.osop` it links — by default. */
export const DISCOVERY_TOTAL_MS = 30_000;

/** Each fetch's limits, and `totalMs` for the whole discovery (default DISCOVERY_TOTAL_MS). */
export interface DiscoveryLimits extends FetchLimits { totalMs?: number }

/**
 * Reads a site's `.sop` collection — `URL` itself when it names one (`…/.sop`, `…/.well-known/sop`),
 * else `/.well-known/sop` then `/.sop` at the site's root — validates it (invalid_document with
 * every diagnostic otherwise), then reads and validates each linked `.osop` and says what it does:
 * steps, who does what, approvals. Every fetch keeps to `limits` (1 MiB, 10 s, 5 redirects, http(s))
 * and all of them to `totalMs` (30 s): an operation not read by then is listed as unreadable.
 * A site without a collection is not_found; one that cannot be reached is unavailable.
 */
export async function discoverSite(url: string, limits: DiscoveryLimits = {}): Promise<DiscoveredSite> {
  const next = createDeadline(limits);
  const { collectionUrl, collection } = await readCollection(url, next);
  const operations: Operation[] = [];
  for (const entry of collectionEntries(collection, collectionUrl)) {
    operations.push(await readOperation(entry, next));
  }
  return {
    collectionUrl,
    collection: { id: collection.id, name: collection.name, description: collection.description ?? null, version: collection.version ?? null },
    operations,
  };
}

/**
 * The `.osop` text of one operation of a site's collection, byte for byte, after it validated.
 * `name` matches an entry's title, workflow id, ref (with or without `.osop`) or the workflow's own
 * id, ignoring case. None: not_found naming what there is; several: invalid_request; a document
 * that does not validate: invalid_document with its diagnostics (nothing to save); past `totalMs`: unavailable.
 */
export async function pullOperation(url: string, name: string, limits: DiscoveryLimits = {}): Promise<{ name: string; url: string; fileName: string; text: string }> {
  const next = createDeadline(limits);
  const { collectionUrl, collection } = await readCollection(url, next);
  const entries = collectionEntries(collection, collectionUrl);
  const wanted = name.trim().toLowerCase();
  const keys = (e: Entry) => [e.name, e.workflowId ?? '', e.ref, e.ref.replace(/\.osop$/i, ''), lastSegment(e.ref), lastSegment(e.ref).replace(/\.osop$/i, '')].map((k) => k.toLowerCase());
  const matches = entries.filter((e) => keys(e).includes(wanted));
  if (matches.length > 1) throw new ServiceError('invalid_request', `"${name}" names ${matches.length} operations (${matches.map((m) => m.ref).join(', ')}); give the ref`, { name, refs: matches.map((m) => m.ref) });
  let entry = matches[0];
  let text: string | undefined;
  if (entry === undefined) {
    // The entry may not say its workflow id: read each .osop and compare the workflow's own id and name.
    for (const candidate of entries) {
      const fetched = await fetchLimited(candidate.url, within(next, candidate.url)).catch((error: unknown) => {
        if (error instanceof ServiceError && (error.details as { reason?: string } | undefined)?.reason === 'discovery_time') throw error;
        return undefined;
      });
      const report = fetched?.text === undefined ? undefined : validateSource(fetched.text, 'pulled.osop');
      if (report?.workflow !== undefined && [report.workflow.id, report.workflow.name].map((k) => k.toLowerCase()).includes(wanted)) {
        entry = candidate;
        text = fetched!.text;
        break;
      }
    }
  }
  if (entry === undefined) {
    throw new ServiceError('not_found', `${collectionUrl} has no operation "${name}"; it offers ${entries.map((e) => `"${e.name}"`).join(', ') || 'none'}`, { name, operations: entries.map((e) => e.name) });
  }
  if (text === undefined) {
    const fetched = await fetchLimited(entry.url, within(next, entry.url));
    if (fetched.text === undefined) throw new ServiceError('not_found', `${entry.url} answered ${fetched.status}`, { url: entry.url, status: fetched.status });
    text = fetched.text;
  }
  const report = validateSource(text, lastSegment(entry.url) || 'pulled.osop');
  if (!report.valid || report.kind !== 'workflow' || report.workflow === undefined) throw invalidDocument(entry.url, report.diagnostics, report.kind);
  return { name: entry.name, url: entry.url, fileName: `${report.workflow.id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'operation'}.osop`, text };
}

interface Entry { name: string; ref: string; url: string; section: string; description: string | null; workflowId: string | null }

async function readCollection(url: string, next: Deadline): Promise<{ collectionUrl: string; collection: Collection }> {
  const site = parseHttpUrl(url);
  const direct = /(\.sop|\/\.well-known\/sop)$/i.test(site.pathname);
  const candidates = direct ? [site.href] : [new URL('/.well-known/sop', site).href, new URL('/.sop', site).href];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const fetched = await fetchLimited(candidate, within(next, candidate));
    // A web app's page-path fallback answers 200 with HTML for any path: that is no collection.
    if (fetched.text === undefined || /^text\/html\b/i.test(fetched.contentType ?? '')) {
      tried.push(`${candidate} (${fetched.status}${fetched.text === undefined ? '' : ', an HTML page'})`);
      continue;
    }
    const report = validateSource(fetched.text, 'site.sop');
    const { collection } = loadCollection(fetched.text, 'site.sop');
    if (!report.valid || report.kind !== 'collection' || collection === undefined) throw invalidDocument(fetched.url, report.diagnostics, report.kind);
    return { collectionUrl: fetched.url, collection };
  }
  throw new ServiceError('not_found', `no .sop collection at ${tried.join(' or ')}`, { url, tried });
}

function collectionEntries(collection: Collection, collectionUrl: string): Entry[] {
  const base = collection.base_url !== undefined && collection.base_url !== '' ? new URL(collection.base_url, collectionUrl).href : collectionUrl;
  const entries = collection.sections.flatMap((section) => section.workflows.map((w) => {
    const workflowId = typeof w.workflow_id === 'string' ? w.workflow_id : null;
    return { name: w.title ?? workflowId ?? w.ref, ref: w.ref, url: new URL(w.ref, base).href, section: section.name, description: w.description ?? null, workflowId };
  }));
  return entries.slice(0, MAX_OPERATIONS);
}

async function readOperation(entry: Entry, next: Deadline): Promise<Operation> {
  const { workflowId: _, ...shown } = entry;
  let text: string | undefined;
  try {
    parseHttpUrl(entry.url);
    const fetched = await fetchLimited(entry.url, within(next, entry.url));
    if (fetched.text === undefined) return unreadableOperation(shown, [{ code: 'http-status', message: `${entry.url} answered ${fetched.status}` }]);
    text = fetched.text;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return unreadableOperation(shown, [{ code: error.code, message: error.message }]);
  }
  const report = validateSource(text, lastSegment(entry.url) || 'operation.osop');
  if (!report.valid || report.workflow === undefined) return unreadableOperation(shown, report.diagnostics.filter((d) => d.severity === 'error'));
  return describeOperation(shown, report.workflow);
}

/** The limits of the next fetch of one discovery: the per-fetch time or what is left of the total, whichever is less; undefined once nothing is left. */
type Deadline = () => FetchLimits | undefined;

function createDeadline(limits: DiscoveryLimits): Deadline {
  const { totalMs = DISCOVERY_TOTAL_MS, ...perFetch } = limits;
  const end = Date.now() + totalMs;
  return () => {
    const left = end - Date.now();
    return left <= 0 ? undefined : { ...perFetch, timeoutMs: Math.min(perFetch.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs, left) };
  };
}

/** The next fetch's limits, or unavailable (reason discovery_time) when the discovery's time is used up. */
function within(next: Deadline, url: string): FetchLimits {
  const limits = next();
  if (limits === undefined) throw new ServiceError('unavailable', `${url} was not read: the discovery's time ran out`, { url, reason: 'discovery_time' });
  return limits;
}

function invalidDocument(url: string, diagnostics: readonly Diagnostic[], kind: string): ServiceError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const what = kind === 'collection' || kind === 'workflow' ? `does not validate` : `is a ${kind}, not what was expected`;
  return new ServiceError('invalid_document', `${url} ${what}${first === undefined ? '' : ` (line ${first.line}, column ${first.column}: ${first.message})`}`, {
    url, diagnostics: errors.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })),
  });
}

function lastSegment(url: string): string {
  return url.replace(/[?#].*$/, '').split('/').pop() ?? '';
}
