/**
 * @sopflow/server — the Process OS over HTTP (Hono): a thin adapter over @sopflow/service. This
 * file is the table of contents.
 */
export { createServerApp } from './create-server-app.js';
export type { ServerAppOptions } from './create-server-app.js';
export { SESSION_COOKIE, CSRF_HEADER } from './authenticate-request.js';
export type { ServerEnv } from './authenticate-request.js';
export { errorBody } from './error-response.js';
export { trustedProxies } from './client-address.js';
export type { TrustedProxies } from './client-address.js';
export { startServer } from './start-server.js';
export type { StartServerOptions, RunningServer } from './start-server.js';
export { startRuntime } from './start-runtime.js';
export type { Runtime, RuntimeOptions } from './start-runtime.js';
