import Anthropic, { APIConnectionError, APIConnectionTimeoutError } from '@anthropic-ai/sdk';
import type { StepDeadline } from '../step-deadline.js';
import type { AgentTask, ProviderReply } from './agent-task.js';
import { mapModelError } from './map-model-error.js';

/** Where the Anthropic Messages API is. */
export interface AnthropicProviderConfig {
  /** Without `/v1`, e.g. `https://api.anthropic.com`; default Anthropic's. */
  baseURL?: string;
  apiKeyEnv?: string;
  model?: string;
}

/** The tool the model is made to call; its input schema is the reply schema. */
export const RESULT_TOOL = 'record_step_result';
const DEFAULT_MAX_TOKENS = 1024;

/**
 * Calls `/v1/messages` once with a forced tool call whose `input_schema` is the reply schema:
 * the answer arrives as parsed JSON in a `tool_use` block, which is sturdier than asking for
 * JSON in prose. A reply without the tool call falls back to the text blocks.
 */
export async function callAnthropic(config: AnthropicProviderConfig, apiKey: string | undefined, task: AgentTask, deadline: StepDeadline, redact: (text: string) => string): Promise<ProviderReply> {
  const client = new Anthropic({ apiKey: apiKey ?? 'not-needed', ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }), maxRetries: 0 });
  try {
    const message = await client.messages.create({
      model: task.model,
      max_tokens: task.maxTokens ?? DEFAULT_MAX_TOKENS,
      system: task.system,
      messages: [{ role: 'user', content: task.prompt }],
      tools: [{ name: RESULT_TOOL, description: 'Record the result of this step and your confidence in it.', input_schema: task.replySchema as Anthropic.Tool.InputSchema }],
      tool_choice: { type: 'tool', name: RESULT_TOOL },
      ...(task.temperature === undefined ? {} : { temperature: task.temperature }),
    }, { signal: task.signal });
    const usage = { promptTokens: message.usage.input_tokens, completionTokens: message.usage.output_tokens };
    const common = { model: message.model || task.model, format: 'tool_use', ...usage, ...(message.stop_reason === null ? {} : { finishReason: message.stop_reason }) };
    const toolUse = message.content.find((block) => block.type === 'tool_use' && block.name === RESULT_TOOL);
    if (toolUse !== undefined && toolUse.type === 'tool_use') return { ok: true, value: toolUse.input, ...common };
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
    return { ok: true, text, ...common };
  } catch (error) {
    return {
      ok: false,
      error: mapModelError(error, deadline, `anthropic ${task.model}`, {
        isTimeout: (e) => e instanceof APIConnectionTimeoutError,
        isConnection: (e) => e instanceof APIConnectionError,
      }, redact),
    };
  }
}
