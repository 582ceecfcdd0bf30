import OpenAI, { APIConnectionError, APIConnectionTimeoutError, BadRequestError } from 'openai';
import type { StepDeadline } from '../step-deadline.js';
import type { AgentTask, ProviderReply } from './agent-task.js';
import { mapModelError } from './map-model-error.js';

/** Where an OpenAI-compatible chat endpoint is (OpenAI, Ollama, vLLM, llama.cpp, LM Studio...). */
export interface OpenAiProviderConfig {
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:11434/v1`; default OpenAI's. */
  baseURL?: string;
  /** Name of the secret (environment or secrets file) holding the API key; local servers need none. */
  apiKeyEnv?: string;
  /** Used when the node names no `runtime.model`. */
  model?: string;
}

type ResponseFormat = NonNullable<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming['response_format']>;

/**
 * Calls `/chat/completions` once (the engine does the retries). With declared outputs it asks
 * for `json_schema` structured output and, if the server rejects that with 400, asks again
 * with `json_object`; without declared outputs it asks for `json_object`.
 */
export async function callOpenAi(config: OpenAiProviderConfig, apiKey: string | undefined, task: AgentTask, deadline: StepDeadline, redact: (text: string) => string): Promise<ProviderReply> {
  const client = new OpenAI({ apiKey: apiKey ?? 'not-needed', ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }), maxRetries: 0 });
  const schemaFormat: ResponseFormat = { type: 'json_schema', json_schema: { name: 'step_result', schema: task.replySchema, strict: false } };
  const formats: ResponseFormat[] = task.declaredOutputs ? [schemaFormat, { type: 'json_object' }] : [{ type: 'json_object' }];
  for (const [index, format] of formats.entries()) {
    try {
      const completion = await client.chat.completions.create({
        model: task.model,
        messages: [{ role: 'system', content: task.system }, { role: 'user', content: task.prompt }],
        response_format: format,
        ...(task.temperature === undefined ? {} : { temperature: task.temperature }),
        ...(task.maxTokens === undefined ? {} : { max_tokens: task.maxTokens }),
      }, { signal: task.signal });
      const choice = completion.choices[0];
      if (choice?.message.refusal) {
        return { ok: false, error: { code: 'MODEL_REFUSED', message: `the model refused: ${redact(choice.message.refusal)}`, retryable: false } };
      }
      return {
        ok: true,
        text: choice?.message.content ?? '',
        model: completion.model || task.model,
        format: format.type,
        ...(completion.usage === undefined ? {} : { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }),
        ...(choice?.finish_reason === undefined ? {} : { finishReason: choice.finish_reason }),
      };
    } catch (error) {
      const lastFormat = index === formats.length - 1;
      if (!lastFormat && error instanceof BadRequestError && /response_format|json_schema/i.test(error.message)) continue;
      return {
        ok: false,
        error: mapModelError(error, deadline, `openai ${task.model}`, {
          isTimeout: (e) => e instanceof APIConnectionTimeoutError,
          isConnection: (e) => e instanceof APIConnectionError,
        }, redact),
      };
    }
  }
  return { ok: false, error: { code: 'MODEL_ERROR', message: 'no response format was accepted', retryable: false } };
}
