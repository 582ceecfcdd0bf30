/**
 * @sopflow/mcp — sopflow for AI agents over the Model Context Protocol: one implementation of the
 * tools, resources and skill prompts on @modelcontextprotocol/sdk, a thin adapter over
 * @sopflow/service, served on stdio (`sopflow mcp`) and Streamable HTTP (`/mcp` on the server).
 * This file is the table of contents.
 */
export { createMcpServer, MCP_SERVER_VERSION } from './create-mcp-server.js';
export type { McpContext } from './mcp-context.js';
export { serveStdio } from './serve-stdio.js';
export type { ServeStdioOptions } from './serve-stdio.js';
export { createMcpHttpHandler } from './handle-mcp-http.js';
export { COLLECTION_URI } from './register-resources.js';
export { sopCollection, stringifyCollection } from './sop-collection.js';
export { readSkills, parseSkill, skillsDirectory } from './read-skills.js';
export type { Skill } from './read-skills.js';
export { installSkills, DEFAULT_SKILLS_TARGET } from './install-skills.js';
export type { InstalledSkill } from './install-skills.js';
