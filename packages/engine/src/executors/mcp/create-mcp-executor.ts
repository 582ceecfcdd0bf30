import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { StepExecutor, StepRequest, StepResult } from '../../ports/step-executor.js';
import { runRedacted, type StepRedactor } from '../secrets/create-step-redactor.js';
import { redactValue } from '../secrets/redact-value.js';
import { abortMessage, createStepDeadline } from '../step-deadline.js';
import { stepFailed } from '../step-failure.js';
import { createTemplateContext } from '../template/create-template-context.js';
import { interpolateValue } from '../template/interpolate-value.js';
import { startToolCall, type Now } from '../tool-call-timer.js';
import { connectMcpServer } from './connect-mcp-server.js';
import type { McpServerConfig } from './mcp-server-config.js';
import { readToolResult } from './read-tool-result.js';

export interface McpExecutorOptions {
  /** Servers nodes may name in `runtime.server`. */
  servers: Record<string, McpServerConfig>;
  /** Read by allow-listed server env and `${env.NAME}`; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Per MCP request (the step's own deadline comes from the engine, through the request signal); default 5 minutes. */
  defaultTimeoutMs?: number;
  now?: Now;
}

/**
 * Runs `mcp` nodes: calls `runtime.tool` on the configured `runtime.server` with
 * `runtime.arguments` (a JSON template) or else the step's input. The output is the tool's
 * `structuredContent`, else `{ text }` from its text content. `isError` → MCP_TOOL_ERROR
 * (terminal); a server that cannot be reached → MCP_CONNECT (retryable). One connection per
 * attempt, closed afterwards (a stdio server process is stopped).
 */
export function createMcpExecutor(options: McpExecutorOptions): StepExecutor {
  const env = options.env ?? process.env;
  return {
    handles: ['mcp'],
    execute: (request) => runRedacted(request, attempt),
  };

  async function attempt(request: StepRequest, redactor: StepRedactor): Promise<StepResult> {
    const id = request.node.id;
    const runtime = request.node.runtime ?? {};
    if (typeof runtime.server !== 'string' || typeof runtime.tool !== 'string') {
      return stepFailed('INVALID_RUNTIME', `${id}: runtime.server and runtime.tool are required`, false);
    }
    const config = Object.hasOwn(options.servers, runtime.server) ? options.servers[runtime.server] : undefined;
    if (config === undefined) {
      const known = Object.keys(options.servers).join(', ') || 'none';
      return stepFailed('INVALID_RUNTIME', `${id}: MCP server "${runtime.server}" is not configured (configured: ${known})`, false);
    }
    const allowEnv = Array.isArray(runtime.env) ? runtime.env.filter((name): name is string => typeof name === 'string') : [];
    const template = createTemplateContext(request, { env, allowEnv, secrets: request.secrets });
    // Every value read through runtime.env is a secret, whatever its name.
    redactor.add(Object.values(template.env));
    let args: Record<string, unknown> = request.input;
    if (runtime.arguments !== undefined) {
      const filled = interpolateValue(runtime.arguments, template, 'runtime.arguments');
      if (!filled.ok) return stepFailed('TEMPLATE_ERROR', `${id}: ${request.secrets.redact(filled.message)}`, false);
      if (filled.value === null || typeof filled.value !== 'object' || Array.isArray(filled.value)) {
        return stepFailed('INVALID_RUNTIME', `${id}: runtime.arguments must be a map`, false);
      }
      args = filled.value as Record<string, unknown>;
    }
    // The step's deadline arrives through the request signal; this only bounds one MCP request.
    const timeoutMs = options.defaultTimeoutMs ?? 300_000;
    const call = startToolCall(`mcp:${runtime.server}/${runtime.tool}`, { server: runtime.server, tool: runtime.tool, arguments: redactValue(args, request.secrets) }, options.now);
    const deadline = createStepDeadline(request);
    const connection = await connectMcpServer(config, { env, redactor, template, signal: deadline.signal, timeoutMs });
    if (!connection.ok) {
      deadline.dispose();
      if (deadline.signal.aborted) return aborted(deadline.reason(), id, call);
      return stepFailed(connection.code, `${id}: MCP server "${runtime.server}": ${connection.message}`, connection.code === 'MCP_CONNECT', [call.finish('FAILED', { error: connection.code })]);
    }
    try {
      const result = await connection.client.callTool({ name: runtime.tool, arguments: args }, undefined, { signal: deadline.signal, timeout: timeoutMs });
      const read = readToolResult(result);
      if (read.isError) {
        return stepFailed('MCP_TOOL_ERROR', `${id}: tool ${runtime.tool} reported an error: ${request.secrets.redact(read.text)}`, false, [call.finish('FAILED', { isError: true })]);
      }
      return { status: 'completed', output: redactValue(read.output, request.secrets) as Record<string, unknown>, toolCalls: [call.finish('COMPLETED', { isError: false })] };
    } catch (error) {
      if (deadline.signal.aborted) return aborted(deadline.reason(), id, call);
      const message = request.secrets.redact((error as Error).message);
      if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
        return stepFailed('TIMEOUT', `${id}: ${message}`, true, [call.finish('TIMEOUT', { error: 'TIMEOUT' })]);
      }
      if (error instanceof McpError && error.code !== ErrorCode.ConnectionClosed) {
        return stepFailed('MCP_TOOL_ERROR', `${id}: tool ${runtime.tool}: ${message}`, false, [call.finish('FAILED', { error: error.code })]);
      }
      return stepFailed('MCP_CONNECT', `${id}: MCP server "${runtime.server}" went away: ${message}`, true, [call.finish('FAILED', { error: 'MCP_CONNECT' })]);
    } finally {
      deadline.dispose();
      await connection.client.close().catch(() => undefined);
    }
  }
}

function aborted(reason: 'TIMEOUT' | 'CANCELLED', id: string, call: ReturnType<typeof startToolCall>): StepResult {
  const failure = abortMessage(reason, `${id}: MCP tool call`);
  return stepFailed(failure.code, failure.message, failure.retryable, [call.finish(reason === 'TIMEOUT' ? 'TIMEOUT' : 'FAILED', { error: failure.code })]);
}
