import type { IoSpec, WorkflowNode } from '@sopflow/format';

/** The instruction every agent step starts from, unless `runtime.system_prompt` replaces it. */
export const DEFAULT_SYSTEM_PROMPT = [
  'You carry out one step of a standard operating procedure.',
  'Answer with one JSON object only, no prose: {"output": {...}, "confidence": <number from 0 to 1>}.',
  '"output" holds the step\'s results; "confidence" is your probability that the output is correct and complete.',
  'If the inputs are not enough to do the step well, say so in the output and give a low confidence.',
].join(' ');

const JSON_TYPES: Record<string, string> = {
  string: 'string', int: 'integer', integer: 'integer', uint: 'integer', double: 'number', number: 'number', float: 'number',
  bool: 'boolean', boolean: 'boolean', list: 'array', array: 'array', map: 'object', object: 'object',
};

/** Pure; the JSON Schema of `{ output, confidence }`, with the node's declared outputs when there are any. */
export function buildReplySchema(outputs: readonly IoSpec[]): Record<string, unknown> {
  const output: Record<string, unknown> = { type: 'object' };
  if (outputs.length > 0) {
    output.properties = Object.fromEntries(outputs.map((spec) => [spec.name, schemaFor(spec)]));
    output.required = outputs.filter((spec) => spec.required !== false).map((spec) => spec.name);
  }
  return {
    type: 'object',
    properties: { output, confidence: { type: 'number', minimum: 0, maximum: 1 } },
    required: ['output', 'confidence'],
    additionalProperties: false,
  };
}

function schemaFor(spec: IoSpec): Record<string, unknown> {
  const base = spec.schema !== null && typeof spec.schema === 'object' ? { ...(spec.schema as Record<string, unknown>) } : {};
  const type = spec.type === undefined ? undefined : JSON_TYPES[spec.type.trim().toLowerCase()];
  if (base.type === undefined && type !== undefined) base.type = type;
  if (base.description === undefined && spec.description !== undefined) base.description = spec.description;
  return base;
}

/** Pure; the user message: what the step is for, its inputs (already limited to the declared ones), and the outputs expected. */
export function buildAgentPrompt(node: WorkflowNode, input: Record<string, unknown>, instructions?: string): string {
  const lines = [`Step: ${node.name} (id: ${node.id})`];
  if (node.purpose !== undefined) lines.push(`Purpose: ${node.purpose}`);
  if (node.description !== undefined) lines.push(`Description: ${node.description}`);
  if (node.role !== undefined) lines.push(`Performed for the role: ${node.role}`);
  if (instructions !== undefined && instructions.trim() !== '') lines.push(`Instructions: ${instructions}`);
  if (Object.keys(input).length === 0) lines.push('', node.inputs.length === 0 ? 'Inputs: none declared.' : 'Inputs: none given.');
  else lines.push('', 'Inputs (JSON):', JSON.stringify(input, null, 2));
  if (node.outputs.length > 0) {
    lines.push('', 'Outputs to produce inside "output":');
    for (const spec of node.outputs) {
      const type = spec.type === undefined ? '' : ` (${spec.type})`;
      const optional = spec.required === false ? ' [optional]' : '';
      lines.push(`- ${spec.name}${type}${optional}${spec.description === undefined ? '' : `: ${spec.description}`}`);
    }
  }
  lines.push('', 'Reply with JSON only: {"output": {...}, "confidence": <0..1>}.');
  return lines.join('\n');
}
