import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** An SOP whose run stops at one clerk's decision between two automated steps. */
export const REFUND_OSOP = `osop_version: "1.0"
id: refund-request
name: Refund request
description: A refund request is logged, a clerk decides it, and it is closed.
nodes:
  - { id: log_request, type: system, name: Log the request, runtime: { action: noop } }
  - { id: decide, type: human, name: Clerk decides the refund, role: clerk }
  - { id: close, type: system, name: Close the request, runtime: { action: noop } }
edges:
  - { from: log_request, to: decide, mode: sequential }
  - { from: decide, to: close, mode: sequential }
`;

/** The tools every sopflow MCP server lists. */
export const TOOL_NAMES = ['complete_task', 'create_sop', 'debrief', 'diff', 'discover', 'get_run', 'get_sop', 'hub_pull', 'hub_search', 'import_document', 'list_sops', 'list_tasks', 'run_sop', 'validate', 'verify_audit'];

/** Calls a tool: its structured content, or for an error result the error body `{ error: { code, message } }` its second text carries. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<{ isError: boolean; data: any; text: string }> {
  const result = await client.callTool({ name, arguments: args }) as CallToolResult;
  const texts = result.content.map((c) => (c.type === 'text' ? c.text : ''));
  if (result.isError === true) return { isError: true, data: JSON.parse(texts[1] ?? '{}'), text: texts[0] ?? '' };
  return { isError: false, data: result.structuredContent, text: texts.join('') };
}

/** The text of a resource. */
export async function readText(client: Client, uri: string): Promise<string> {
  const read = await client.readResource({ uri });
  const first = read.contents[0] as { text?: string } | undefined;
  return first?.text ?? '';
}

/** Reads until `done` says yes, 25 ms apart (no wall-clock limit: the test runner's own timeout applies). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
