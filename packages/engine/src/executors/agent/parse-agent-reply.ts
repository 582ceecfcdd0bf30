import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** A checked agent reply. */
export type AgentReply = { ok: true; output: Record<string, unknown>; confidence: number } | { ok: false; message: string };

const ajv = new Ajv2020({ strict: false, allErrors: false });
/** Compiled reply schemas by their JSON text; nodes repeat, so this stays small. */
const compiled = new Map<string, ValidateFunction>();

function compile(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Pure; reads the model's reply (text, possibly in a ```json fence, or an already-parsed
 * value) and checks it against the reply schema: an `output` object and a `confidence` 0..1.
 */
export function parseAgentReply(reply: { text?: string; value?: unknown }, schema: Record<string, unknown>): AgentReply {
  let value = reply.value;
  if (value === undefined) {
    const parsed = parseJsonText(reply.text ?? '');
    if (parsed === undefined) return { ok: false, message: `the reply is not JSON: ${preview(reply.text ?? '')}` };
    value = parsed;
  }
  let validate: ValidateFunction;
  try {
    validate = compile(schema);
  } catch (error) {
    return { ok: false, message: `the node's output schema is invalid: ${(error as Error).message}` };
  }
  if (!validate(value)) {
    const [first] = validate.errors ?? [];
    const where = first?.instancePath === '' || first === undefined ? 'the reply' : first.instancePath;
    return { ok: false, message: `${where} ${first?.message ?? 'does not match the schema'}` };
  }
  const checked = value as { output: Record<string, unknown>; confidence: number };
  return { ok: true, output: checked.output, confidence: checked.confidence };
}

function parseJsonText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidates = [text, fenced?.[1], text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)];
  for (const candidate of candidates) {
    if (candidate === undefined || candidate.trim() === '') continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty)' : flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
