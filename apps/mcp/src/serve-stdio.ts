import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { openWorkspace, resolveTenantActor } from '@sopflow/service';
import { createMcpServer } from './create-mcp-server.js';
import { readSkills, skillsDirectory } from './read-skills.js';

export interface ServeStdioOptions {
  /** The database; else SOPFLOW_DB, else .sopflow/sopflow.db. */
  db?: string;
  auditKeyFile?: string;
  /** The OS account the process runs as: who acts (through the store's directory). */
  osUser: string;
  /** Where the skills are; default the repository's skills/. */
  skillsDir?: string;
  /** Folder cli steps run in; default the working directory. */
  baseDir?: string;
}

/**
 * `sopflow mcp`: serves MCP on standard input and output as the tenant user the OS account maps to
 * (refused before anything is served when it maps to none), executing runs' automated steps in the
 * call. Resolves when the client closes the stream; nothing but MCP messages is written to stdout.
 */
export async function serveStdio(options: ServeStdioOptions): Promise<void> {
  const ws = await openWorkspace({
    ...(options.db === undefined ? {} : { db: options.db }), ...(options.auditKeyFile === undefined ? {} : { auditKeyFile: options.auditKeyFile }),
    ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }),
  });
  try {
    const actor = await resolveTenantActor(ws.store, options.osUser);
    const server = createMcpServer({ workspace: ws, actor, inlineRuns: true }, readSkills(options.skillsDir ?? skillsDirectory()));
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    await closed;
    await server.close();
    await ws.engine.drain(5000);
  } finally {
    await ws.close();
  }
}
