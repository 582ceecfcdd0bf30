/**
 * @sopflow/service — the use cases, one function per user action. The CLI, the server and the MCP
 * server call these and nothing else: each takes a context `{ store, engine?, actor }` and plain
 * arguments, returns plain data, and refuses with one `ServiceError { code, message, details }`
 * that adapters map with one table (`exitCodeOf`, `httpStatusOf`). This file is the table of contents.
 */
export { ServiceError, SERVICE_ERROR_CODES, exitCodeOf, httpStatusOf, isServiceError } from './service-error.js';
export type { ServiceErrorCode } from './service-error.js';
export { asServiceError, serviceCall } from './as-service-error.js';
export { openWorkspace } from './workspace/open-workspace.js';
export type { Workspace, OpenWorkspaceOptions } from './workspace/open-workspace.js';
export { resolveDatabasePath, DEFAULT_DATABASE } from './workspace/resolve-database-path.js';
