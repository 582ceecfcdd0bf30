/** A tool result reduced to what a step needs. */
export interface ToolResultOutput {
  isError: boolean;
  output: Record<string, unknown>;
  /** The text content joined, for error messages. */
  text: string;
}

/**
 * Pure; `structuredContent` when the tool returned it, else `{ text }` from its text content
 * (plus `content` when there were non-text items such as images or resources).
 */
export function readToolResult(result: Record<string, unknown>): ToolResultOutput {
  const content = Array.isArray(result.content) ? (result.content as { type?: unknown; text?: unknown }[]) : [];
  const text = content.flatMap((item) => (item.type === 'text' && typeof item.text === 'string' ? [item.text] : [])).join('\n');
  const structured = result.structuredContent;
  const isError = result.isError === true;
  if (structured !== null && typeof structured === 'object' && !Array.isArray(structured)) {
    return { isError, output: structured as Record<string, unknown>, text };
  }
  const other = content.filter((item) => item.type !== 'text');
  if ('toolResult' in result) return { isError, output: { result: result.toolResult }, text };
  return { isError, output: { text, ...(other.length > 0 ? { content: other } : {}) }, text };
}
