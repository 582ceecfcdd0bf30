import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpContext } from './mcp-context.js';
import type { Skill } from './read-skills.js';
import { registerResources } from './register-resources.js';
import { registerSkillPrompts } from './register-skill-prompts.js';
import { registerAnalysisTools } from './tools/analysis-tools.js';
import { registerRunTools } from './tools/run-tools.js';
import { registerSopTools } from './tools/sop-tools.js';
import { registerDiscoverTool } from './tools/discover-tool.js';
import { registerImportTool } from './tools/import-tool.js';
import { registerHubTools } from './tools/hub-tools.js';
import { registerAuditTool } from './tools/audit-tool.js';

/** The version this server reports to clients. */
export const MCP_SERVER_VERSION = '0.1.0';

const INSTRUCTIONS = `sopflow keeps a tenant's SOPs (standard operating procedures) as .osop workflows and runs them.
Read before acting: list_sops, then get_sop for the steps (sequence_order, role, type, delegation_state, live state).
Only active SOPs run (run_sop). A run waits at people's steps: list_tasks shows them with the role that may decide;
complete_task records your decision only if you hold that role. get_run and the .osoplog resource show what happened.
import_document turns a document's procedures into drafts; discover reads another site's public .sop collection;
hub_search finds published SOPs on an SOP hub and hub_pull fetches one with its signature checked.
verify_audit checks the tenant's admin audit log (admins only).
The prompts manage-sops, import-sops-from-document and sop-opportunity-analyst explain the work model.`;

/**
 * One MCP server for one caller: the tools (list_sops, get_sop, validate, run_sop, get_run,
 * list_tasks, complete_task, diff, debrief, import_document, discover, hub_search, hub_pull, verify_audit), the resources (.osop per SOP, the .sop collection,
 * .osoplog per run) and the skills as prompts. Every call goes through @sopflow/service as `ctx.actor`.
 */
export function createMcpServer(ctx: McpContext, skills: readonly Skill[]): McpServer {
  const server = new McpServer({ name: 'sopflow', version: MCP_SERVER_VERSION }, { instructions: INSTRUCTIONS });
  registerSopTools(server, ctx);
  registerRunTools(server, ctx);
  registerAnalysisTools(server, ctx);
  registerImportTool(server, ctx);
  registerDiscoverTool(server, ctx);
  registerHubTools(server, ctx);
  registerAuditTool(server, ctx);
  registerResources(server, ctx);
  registerSkillPrompts(server, skills);
  return server;
}
