import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { StepRedactor } from '../secrets/create-step-redactor.js';
import { buildChildEnvironment } from '../cli/child-environment.js';
import { interpolateString } from '../template/interpolate-string.js';
import type { TemplateContext } from '../template/resolve-reference.js';
import { isStdioServer, type McpServerConfig } from './mcp-server-config.js';

export type McpConnection = { ok: true; client: Client; stderr: () => string } | { ok: false; code: 'INVALID_RUNTIME' | 'MCP_CONNECT'; message: string };

const STDERR_KEPT = 4000;

/**
 * Starts (stdio) or reaches (Streamable HTTP) one MCP server and completes the MCP handshake.
 * The caller closes the client, which also stops a stdio server process.
 */
export async function connectMcpServer(
  config: McpServerConfig,
  context: { env: Record<string, string | undefined>; redactor: StepRedactor; template: TemplateContext; signal: AbortSignal; timeoutMs: number },
): Promise<McpConnection> {
  let transport: Transport;
  let stderrText = '';
  if (isStdioServer(config)) {
    const [command, ...args] = config.command;
    if (command === undefined) return { ok: false, code: 'INVALID_RUNTIME', message: 'the server command is empty' };
    const names = config.env ?? [];
    const env = buildChildEnvironment(context.env, names, context.redactor.secrets);
    // Values handed to the server process are secrets, whatever their names.
    context.redactor.add(names.map((name) => env[name]));
    const stdio = new StdioClientTransport({
      command,
      args,
      env,
      stderr: 'pipe',
      ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
    });
    stdio.stderr?.on('data', (chunk: Buffer) => {
      stderrText = (stderrText + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    transport = stdio;
  } else {
    const headers: Record<string, string> = {};
    for (const [name, template] of Object.entries(config.headers ?? {})) {
      const value = interpolateString(template, context.template);
      if (!value.ok) return { ok: false, code: 'INVALID_RUNTIME', message: `header ${name}: ${value.message}` };
      headers[name] = value.value;
    }
    let url: URL;
    try {
      url = new URL(config.url);
    } catch {
      return { ok: false, code: 'INVALID_RUNTIME', message: `server url ${config.url} is not a URL` };
    }
    transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  }
  const client = new Client({ name: 'sopflow', version: '0.1.0' });
  try {
    await client.connect(transport, { signal: context.signal, timeout: context.timeoutMs });
  } catch (error) {
    await client.close().catch(() => undefined);
    const detail = stderrText.trim() === '' ? '' : ` (server stderr: ${stderrText.trim().slice(-500)})`;
    return { ok: false, code: 'MCP_CONNECT', message: `${context.redactor.text((error as Error).message)}${context.redactor.text(detail)}` };
  }
  return { ok: true, client, stderr: () => stderrText };
}
