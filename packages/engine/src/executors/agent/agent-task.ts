import type { StepError } from '../../ports/step-executor.js';

/** One model call, provider-neutral: what to ask and the JSON shape the answer must have. */
export interface AgentTask {
  model: string;
  system: string;
  prompt: string;
  /** JSON Schema of the whole reply: `{ output, confidence }`. */
  replySchema: Record<string, unknown>;
  /** Whether the node declared outputs (then the schema is sent as structured output). */
  declaredOutputs: boolean;
  temperature?: number;
  maxTokens?: number;
  signal: AbortSignal;
}

/** What a provider got back: the reply as text or as an already-parsed value, and usage. */
export type ProviderReply =
  | { ok: true; text?: string; value?: unknown; model: string; promptTokens?: number; completionTokens?: number; finishReason?: string; format: string }
  | { ok: false; error: StepError };
