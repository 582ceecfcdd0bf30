import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { asServiceError } from '@sopflow/service';

/**
 * Runs one tool's service call: its plain data becomes the structured result (and the same JSON as
 * text, for clients that read only text); a service refusal becomes an error result saying
 * "message (code)" with `{ error: { code, message, details } }`, the server's error body.
 */
export async function toolResult(work: () => Promise<Record<string, unknown>>): Promise<CallToolResult> {
  try {
    const data = await work();
    return { content: [{ type: 'text', text: JSON.stringify(data, null, 2) }], structuredContent: data };
  } catch (error) {
    const refusal = asServiceError(error);
    if (refusal === undefined) throw error;
    const body = { error: { code: refusal.code, message: refusal.message, details: refusal.details ?? null } };
    return { isError: true, content: [{ type: 'text', text: `${refusal.message} (${refusal.code})` }, { type: 'text', text: JSON.stringify(body) }] };
  }
}
