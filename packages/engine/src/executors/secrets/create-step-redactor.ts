import type { SecretSource, StepRequest, StepResult, ToolCallRecord } from '../../ports/step-executor.js';
import { REDACTED, redactTokenShapes } from './redact-token-shapes.js';

/**
 * The one redaction every executor applies to one attempt. Secret values are: whatever the
 * request's `SecretSource` redacts, every value read through `secrets.get`, and every value
 * the executor marks with `add` (the values it hands a child or a template through
 * `runtime.env`). Token shapes (`redactTokenShapes`) are always redacted too.
 */
export interface StepRedactor {
  /** The request's source, wrapped: `get` marks the value as secret, `redact` is `text`. */
  readonly secrets: SecretSource;
  /** Marks values as secrets for the rest of the attempt. */
  add(values: Iterable<string | undefined>): void;
  /** Pure apart from the known values; `text` with every secret replaced by `[REDACTED]`. */
  text(text: string): string;
  /** A copy of a JSON-like value with every string and object key passed through `text`. */
  value(value: unknown): unknown;
  /** The result with its output, error or escalation message and tool calls redacted. */
  result(result: StepResult): StepResult;
}

/** Values shorter than this are not redacted (they would blank out ordinary words). */
export const MIN_SECRET_LENGTH = 4;

/** Creates the redactor of one attempt over the request's secret source. */
export function createStepRedactor(source: SecretSource): StepRedactor {
  const known = new Set<string>();
  let ordered: string[] | undefined;
  const add = (values: Iterable<string | undefined>): void => {
    for (const value of values) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      // The value as written, and as it reads inside JSON text and inside a URL.
      for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
        if (!known.has(form)) {
          known.add(form);
          ordered = undefined;
        }
      }
    }
  };
  const text = (input: string): string => {
    // Longest first, so a secret that contains another is replaced whole.
    ordered ??= [...known].sort((a, b) => b.length - a.length);
    let result = input;
    for (const value of ordered) result = result.split(value).join(REDACTED);
    return redactTokenShapes(source.redact(result));
  };
  const value = (input: unknown): unknown => {
    if (typeof input === 'string') return text(input);
    if (Array.isArray(input)) return input.map(value);
    if (input !== null && typeof input === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(input)) copy[text(key)] = value(item);
      return copy;
    }
    return input;
  };
  const toolCalls = (calls: ToolCallRecord[] | undefined): { toolCalls?: ToolCallRecord[] } =>
    calls === undefined ? {} : { toolCalls: calls.map((call) => value(call) as ToolCallRecord) };
  return {
    secrets: {
      get(name) {
        const found = source.get(name);
        add([found]);
        return found;
      },
      redact: text,
    },
    add,
    text,
    value,
    result(result) {
      switch (result.status) {
        case 'completed':
          return { ...result, output: value(result.output) as Record<string, unknown>, ...toolCalls(result.toolCalls) };
        case 'failed':
          return { ...result, error: { ...result.error, message: text(result.error.message) }, ...toolCalls(result.toolCalls) };
        case 'escalated':
          return { ...result, message: text(result.message) };
        default: {
          const never: never = result;
          throw new Error(`unexpected step result ${JSON.stringify(never)}`);
        }
      }
    },
  };
}

/**
 * Runs one attempt with a fresh redactor: `attempt` gets the request with `secrets` wrapped
 * (so every `secrets.redact` in it is the full redaction) and the redactor to `add` values to;
 * what it returns, or the message of what it throws, is redacted before it leaves.
 */
export async function runRedacted(
  request: StepRequest,
  attempt: (request: StepRequest, redactor: StepRedactor) => Promise<StepResult>,
): Promise<StepResult> {
  const redactor = createStepRedactor(request.secrets);
  let result: StepResult;
  try {
    result = await attempt({ ...request, secrets: redactor.secrets }, redactor);
  } catch (error) {
    throw new Error(redactor.text(error instanceof Error ? error.message : String(error)));
  }
  return redactor.result(result);
}
