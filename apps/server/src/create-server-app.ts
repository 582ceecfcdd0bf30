import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createLoginLimiter, listTenants, ServiceError, type LoginLimit, type Workspace } from '@sopflow/service';
import { authenticateRequest, type CallerCacheOptions, type ServerEnv } from './authenticate-request.js';
import type { SopListCacheOptions } from './sop-list-response.js';
import { checkHost } from './check-host.js';
import { compressResponses } from './compress-responses.js';
import { trustedProxies, trustProxies } from './client-address.js';
import { errorBody, errorResponse, requestDoesNotFit } from './error-response.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerSopRoutes } from './routes/sop-routes.js';
import { registerTaskAndRunRoutes } from './routes/task-and-run-routes.js';
import { registerVersionRoutes } from './routes/version-routes.js';
import { registerRunAndInboxRoutes } from './routes/run-and-inbox-routes.js';
import { registerRunEventsRoute, type RunEventsOptions } from './routes/run-events-route.js';
import { registerTenantEventsRoute } from './routes/tenant-events-route.js';
import { registerMetricsRoute } from './routes/metrics-route.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerAdminAuditVerifyRoute } from './routes/admin-audit-verify-route.js';
import { createChangeFeed, type ChangeFeed } from './change-feed.js';
import { registerMcpRoute } from './routes/mcp-route.js';
import { registerDiscoveryRoutes, type DiscoveryOptions } from './routes/discovery-routes.js';
import { registerLearningRoutes } from './routes/learning-routes.js';
import { registerTrialRoutes } from './routes/trial-routes.js';
import { isDocumentUpload, registerDocumentRoutes } from './routes/document-routes.js';
import { findWebDist, serveWebApp } from './serve-web-app.js';
import { JOURNEY_EVENTS_PATH, registerJourneyRoutes, type JourneyOptions } from './routes/journey-routes.js';
import { isHubRead, registerHubRoutes } from './routes/hub-routes.js';

export interface ServerAppOptions extends DiscoveryOptions {
  /** Largest request body in bytes (413 past it); default 1 MiB. */
  maxBodyBytes?: number;
  /** Failed sign-ins allowed per email and per client in a window, counted in the store (every server on the database shares them); default 5 in 15 minutes. */
  loginLimit?: LoginLimit;
  /** The built web app served outside /api (default: findWebDist(); null serves none). */
  webDir?: string | null;
  /** Server-sent event streams: poll and heartbeat intervals. */
  events?: RunEventsOptions;
  /** The process's one change feed (default: one made for this app, polling every `events.pollMs`). */
  feed?: ChangeFeed;
  /** Journey tracking: the collector's per-key event budget. */
  journeys?: JourneyOptions;
  /** Also act as an SOP hub: /api/hub/* (reads without a token; publishing and reports with one). */
  hub?: boolean;
  /**
   * Host names a cookie session (and signing in) may arrive under — DNS rebinding (check-host.ts);
   * default any. `startServer` bound to a loopback address passes the loopback names and its own.
   */
  allowedHosts?: readonly string[];
  /**
   * Reverse proxies (addresses or CIDR blocks) whose `X-Forwarded-For` names the client of every per-client
   * limit (client-address.ts); default none: the connection's address, whatever the headers say. A bad entry throws naming it.
   */
  trustProxy?: readonly string[];
  /** The per-process caches of callers (token or session → user) and of library pages, checked against the store's change versions on every request. */
  caches?: { callers?: CallerCacheOptions; library?: SopListCacheOptions };
}

const PUBLIC = new Set(['/api/openapi.json', '/api/docs', '/api/auth/login', JOURNEY_EVENTS_PATH]);

/**
 * The HTTP app: a thin adapter over the service layer. `/api/*` needs a bearer token or a session
 * cookie (CSRF on changes); bodies are JSON (415 otherwise) up to `maxBodyBytes` (413); every error
 * is `{ error: { code, message, details } }` with the service's one status table. JSON and the web app's files
 * of 1 KB and more go gzip-encoded to a client that accepts it (compress-responses.ts); event streams never.
 * Test in-process with `app.request()`.
 */
export function createServerApp(ws: Workspace, options: ServerAppOptions = {}): OpenAPIHono<ServerEnv> {
  const app = new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (!result.success) throw requestDoesNotFit(result.error.issues);
      return undefined;
    },
  });
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => {
    const { status, body } = errorBody('not_found', `no route ${c.req.method} ${c.req.path}`);
    return c.json(body, status as 404);
  });

  // Outermost, so every answer (errors too) is compressed; never an event stream.
  app.use('*', ...compressResponses());
  const trusted = trustedProxies(options.trustProxy ?? []);
  if (trusted.cidrs.length > 0) app.use('*', trustProxies(trusted));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    await listTenants({ store: ws.store, localAdmin: 'readyz' });
    return c.json({ ready: true });
  });

  const maxSize = options.maxBodyBytes ?? 1024 * 1024;
  const limit = bodyLimit({ maxSize, onError: () => { throw new ServiceError('too_large', `the body is larger than ${maxSize} bytes`, { maxBytes: maxSize }); } });
  // A GET or HEAD without a length or chunks has no body and no route reads one: neither the limit (which builds the
  // full Request to look) nor the type applies. A document upload is multipart with its own limit (routes/document-routes.ts).
  app.use('/api/*', async (c, next) => {
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (safe && !carriesBody(c)) return next();
    const upload = isDocumentUpload(c);
    const checkType = async () => {
      const type = c.req.header('content-type');
      // A journey beacon is JSON sent as text/plain (routes/journey-routes.ts).
      if (!safe && !upload && (type !== undefined || carriesBody(c)) && c.req.path !== JOURNEY_EVENTS_PATH && (type === undefined || !/^application\/json\b/i.test(type))) {
        throw new ServiceError('unsupported_media_type', `send the body as application/json (got ${type ?? 'no content type'})`, { contentType: type ?? null });
      }
      return next();
    };
    return upload ? checkType() : limit(c, checkType);
  });
  if (options.allowedHosts !== undefined) app.use('/api/*', checkHost(options.allowedHosts));
  const auth = authenticateRequest(ws, options.caches?.callers);
  app.use('/api/*', async (c, next) => (PUBLIC.has(c.req.path) || (options.hub === true && isHubRead(c)) ? next() : auth(c, next)));

  registerAuthRoutes(app, ws, createLoginLimiter(ws.store, options.loginLimit), { hub: options.hub === true });
  registerSopRoutes(app, ws, options.caches?.library);
  registerTaskAndRunRoutes(app, ws);
  registerVersionRoutes(app, ws);
  registerRunAndInboxRoutes(app, ws);
  const feed = options.feed ?? createChangeFeed(ws.store, options.events?.pollMs === undefined ? {} : { pollMs: options.events.pollMs });
  registerRunEventsRoute(app, ws, feed, options.events);
  registerTenantEventsRoute(app, ws, feed, options.events);
  registerMetricsRoute(app, ws, feed);
  registerAdminRoutes(app, ws);
  registerAdminAuditVerifyRoute(app, ws);
  registerMcpRoute(app, ws);
  registerDiscoveryRoutes(app, ws, options);
  registerLearningRoutes(app, ws, feed);
  registerTrialRoutes(app, ws);
  registerDocumentRoutes(app, ws);
  registerJourneyRoutes(app, ws, options.journeys);
  if (options.hub === true) registerHubRoutes(app, ws);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'An API token: sopflow tokens create' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'sopflow_session', description: 'From POST /api/auth/login; send x-csrf-token on changes' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'sopflow Process OS API', version: '0.1.0', description: 'SOPs, runs with live step states, tasks and routines. Errors: { error: { code, message, details } }.' },
    security: [{ bearer: [] }, { session: [] }],
  });
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }));
  const webDir = options.webDir === undefined ? findWebDist() : options.webDir;
  if (webDir !== null && webDir !== undefined) serveWebApp(app, webDir);
  return app;
}

/** Whether the request says it sends a body: a length above 0, or chunks. */
function carriesBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
}
