import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRateLimiter, getHubVersion, HUB_SORTS, hubRanking, listHubVersions, publishToHub, reportToHub, searchHub, ServiceError, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { clientAddress } from '../client-address.js';
import { context } from '../request-context.js';
import { body, errors, json } from './openapi-responses.js';

const Name = z.string().min(1).max(200);
const VersionSummary = z.object({
  name: z.string(), version: z.string(), title: z.string(), description: z.string().nullable(), contentHash: z.string(), publisherId: z.string(), size: z.number().int(),
  tags: z.array(z.string()), nodeTypes: z.array(z.string()), services: z.array(z.string()), publishedAt: z.string(),
}).openapi('HubVersion');
const Community = z.object({ runs: z.number().int(), succeeded: z.number().int(), successRate: z.number(), p50Ms: z.number().int(), p95Ms: z.number().int(), reports: z.number().int() });
const SearchResult = VersionSummary.extend({ community: Community.nullable() }).openapi('HubSearchResult');
const PackageVersion = z.object({
  name: z.string(), version: z.string(), document: z.string().openapi({ description: 'The canonical .osop text (LF line ends) that was signed' }),
  contentHash: z.string(), signature: z.string().openapi({ description: 'ed25519 over the document, base64' }), publicKey: z.string().openapi({ description: 'SPKI PEM' }),
  publisherId: z.string(), publishedAt: z.string(),
}).openapi('HubPackageVersion');
const Publication = z.object({
  document: z.string().openapi({ description: 'The .osop text: a workflow that validates, with a semver version; its id is the name' }),
  signature: z.string(), publicKey: z.string(),
}).openapi('HubPublication');
const Report = z.object({
  name: Name, version: z.string().min(1).max(100), runs: z.number().int(), succeeded: z.number().int(),
  p50Ms: z.number().int().openapi({ description: 'median run duration, ms' }), p95Ms: z.number().int(),
}).openapi('HubRunReport');
const RankingEntry = Community.extend({ name: z.string(), version: z.string(), title: z.string() }).openapi('HubRankingEntry');
const many = z.union([z.string(), z.array(z.string())]).optional();
const SearchQuery = z.object({
  q: z.string().max(500).optional().openapi({ description: 'words; each must start a word of the name, title, description, tags or step titles' }),
  tag: many, node_type: many, service: many, sort: z.enum(HUB_SORTS).optional(), limit: z.coerce.number().int().optional(),
});
const Limit = z.object({ limit: z.coerce.number().int().optional() });

/** True for the hub's reads, which need no token (`--hub` servers only). */
export function isHubRead(c: Context): boolean {
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && c.req.path.startsWith('/api/hub/');
}

/** Reads one client (connection address) may make per minute, a burst up to the same number. */
export const HUB_READS_PER_MINUTE = 120;

/**
 * The SOP hub (`sopflow serve --hub`): anyone reads (search, versions, ranking), within a budget per
 * client counted in memory by connection address (429 with Retry-After past it); publishing a
 * signed version and reporting runs need a token. Thin adapters over the service's hub use cases.
 */
export function registerHubRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace, readsPerMinute = HUB_READS_PER_MINUTE): void {
  const reads = createRateLimiter(readsPerMinute);
  app.use('/api/hub/*', async (c, next) => {
    const wait = isHubRead(c) ? reads.take(clientAddress(c), 1, Date.now()) : 0;
    if (wait > 0) throw new ServiceError('rate_limited', `too many hub reads from this client; try again in ${wait} s`, { retryAfterSeconds: wait });
    return next();
  });
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  app.openapi(createRoute({
    method: 'get', path: '/api/hub/search', tags: ['hub'], summary: 'Search the hub (no token): words, tags, node types, services named', security: [],
    request: { query: SearchQuery }, responses: { 200: json(z.object({ results: z.array(SearchResult) }), 'newest matching version per name'), ...errors(400, 429) },
  }), async (c) => {
    const q = c.req.valid('query');
    return c.json(await searchHub(ws.store, {
      ...(q.q === undefined ? {} : { text: q.q }), tags: list(q.tag), nodeTypes: list(q.node_type), services: list(q.service),
      ...(q.sort === undefined ? {} : { sort: q.sort }), ...(q.limit === undefined ? {} : { limit: q.limit }),
    }), 200);
  });
  app.openapi(createRoute({
    method: 'get', path: '/api/hub/ranking', tags: ['hub'], summary: 'The community-optimised ranking: most-run versions with their success figures (no token)', security: [],
    request: { query: Limit }, responses: { 200: json(z.object({ ranking: z.array(RankingEntry) }), 'the ranking'), ...errors(400, 429) },
  }), async (c) => c.json(await hubRanking(ws.store, c.req.valid('query').limit), 200));
  app.openapi(createRoute({
    method: 'get', path: '/api/hub/packages/{name}', tags: ['hub'], summary: "A name's versions and its publisher (no token)", security: [],
    request: { params: z.object({ name: Name }) },
    responses: { 200: json(z.object({ name: z.string(), publisherId: z.string(), versions: z.array(VersionSummary) }), 'the versions, oldest first'), ...errors(404, 429) },
  }), async (c) => c.json(await listHubVersions(ws.store, c.req.valid('param').name), 200));
  app.openapi(createRoute({
    method: 'get', path: '/api/hub/packages/{name}/versions/{version}', tags: ['hub'], summary: 'One version (or latest) with its signature and key, to verify before use (no token)', security: [],
    request: { params: z.object({ name: Name, version: z.string().min(1).max(100) }) },
    responses: { 200: json(PackageVersion, 'the signed document'), ...errors(404, 429) },
  }), async (c) => {
    const { name, version } = c.req.valid('param');
    return c.json(await getHubVersion(ws.store, name, version), 200);
  });
  app.openapi(createRoute({
    method: 'post', path: '/api/hub/versions', tags: ['hub'], summary: 'Publish a signed version (sops.publish); a version is immutable',
    request: body(Publication),
    responses: { 201: json(z.object({ status: z.enum(['published', 'unchanged']), version: VersionSummary }), 'published, or already there with these bytes'), ...errors(400, 401, 403, 409, 413, 422) },
  }), async (c) => c.json(await publishToHub(context(c, ws), c.req.valid('json')), 201));
  app.openapi(createRoute({
    method: 'post', path: '/api/hub/reports', tags: ['hub'], summary: "Report a version's run figures (runs.start): counts and duration quantiles, no identifiers; each token's new report of a version replaces its last (at most one an hour, 100 versions a day)",
    request: body(Report), responses: { 201: json(z.object({ accepted: z.literal(true), name: z.string(), version: z.string() }), 'recorded'), ...errors(400, 401, 403, 404, 422, 429) },
  }), async (c) => c.json(await reportToHub(context(c, ws), c.req.valid('json')), 201));
}
