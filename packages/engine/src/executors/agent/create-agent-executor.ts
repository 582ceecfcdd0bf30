import type { StepExecutor, StepRequest, StepResult } from '../../ports/step-executor.js';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../cli/create-cli-executor.js';
import { runRedacted, type StepRedactor } from '../secrets/create-step-redactor.js';
import { redactValue } from '../secrets/redact-value.js';
import { createStepDeadline } from '../step-deadline.js';
import { stepFailed } from '../step-failure.js';
import { interpolateString } from '../template/interpolate-string.js';
import { startToolCall, type Now } from '../tool-call-timer.js';
import type { AgentTask, ProviderReply } from './agent-task.js';
import { callAnthropic } from './anthropic-provider.js';
import { buildAgentPrompt, buildReplySchema, DEFAULT_SYSTEM_PROMPT } from './build-agent-task.js';
import { callCommandAgent } from './command-provider.js';
import { callOpenAi } from './openai-provider.js';
import { parseAgentReply } from './parse-agent-reply.js';
import { findUndeclaredPromptReference, selectDeclaredInputs } from './select-declared-inputs.js';
import { resolveAgentModel, type AgentProviderName, type AgentProviders, type ResolvedAgentModel } from './resolve-agent-model.js';

export interface AgentExecutorOptions {
  providers?: AgentProviders;
  /** Provider for nodes that name none; default the only configured one. */
  default?: AgentProviderName;
  /** Where API keys are looked up after the secret source; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Command agent: bytes of stdout kept; default 1 MiB. */
  maxOutputBytes?: number;
  killGraceMs?: number;
  now?: Now;
}

/**
 * Runs `agent` nodes on a model: an OpenAI-compatible chat endpoint, Anthropic, or a
 * command-line agent. The model is asked for `{ output, confidence }` JSON, checked against the
 * node's declared outputs. With no model configured the step is escalated to a person with
 * reason NO_MODEL — never answered by a stand-in. The confidence gate is the engine's.
 */
export function createAgentExecutor(options: AgentExecutorOptions = {}): StepExecutor {
  const providers = options.providers ?? {};
  const env = options.env ?? process.env;
  return {
    handles: ['agent'],
    execute: (request) => runRedacted(request, attempt),
  };

  async function attempt(request: StepRequest, redactor: StepRedactor): Promise<StepResult> {
    const node = request.node;
    const resolved = resolveAgentModel(node.runtime, providers, options.default);
    if (!resolved.ok) return { status: 'escalated', reason: 'NO_MODEL', message: `${node.id}: ${resolved.message}` };
    const keyName = resolved.provider === 'command' ? undefined : resolved.config.apiKeyEnv;
    const apiKey = keyName === undefined ? undefined : request.secrets.get(keyName) ?? env[keyName];
    redactor.add([apiKey]);
    if (keyName !== undefined && apiKey === undefined) {
      return { status: 'escalated', reason: 'NO_MODEL', message: `${node.id}: the API key ${keyName} for ${resolved.provider} is not set` };
    }
    let instructions: string | undefined;
    // The model sees the node's declared inputs and nothing else of the run (README: agent).
    const inputs = selectDeclaredInputs(node, request);
    if (typeof node.runtime?.prompt === 'string') {
      const undeclared = findUndeclaredPromptReference(node.runtime.prompt, node);
      if (undeclared !== undefined) return stepFailed('TEMPLATE_ERROR', `${node.id}: runtime.prompt: ${undeclared}`, false);
      const context = { inputs, steps: {}, env: {}, secretsHint: 'secrets are not sent to models' };
      const filled = interpolateString(node.runtime.prompt, context);
      if (!filled.ok) return stepFailed('TEMPLATE_ERROR', `${node.id}: runtime.prompt: ${filled.message}`, false);
      instructions = filled.value;
    }
    const deadline = createStepDeadline(request);
    const custom = node.runtime?.system_prompt;
    const task: AgentTask = {
      model: resolved.model,
      // Redacted before they leave: a declared input may still carry a secret or a token.
      system: redactor.text(typeof custom === 'string' && custom.trim() !== '' ? `${custom}\n\n${DEFAULT_SYSTEM_PROMPT}` : DEFAULT_SYSTEM_PROMPT),
      prompt: redactor.text(buildAgentPrompt(node, inputs, instructions)),
      replySchema: buildReplySchema(node.outputs),
      declaredOutputs: node.outputs.length > 0,
      ...(typeof node.runtime?.temperature === 'number' ? { temperature: node.runtime.temperature } : {}),
      ...(typeof node.runtime?.max_tokens === 'number' ? { maxTokens: node.runtime.max_tokens } : {}),
      signal: deadline.signal,
    };
    const call = startToolCall(`model:${resolved.provider}`, { provider: resolved.provider, model: resolved.model }, options.now);
    let reply: ProviderReply;
    try {
      reply = await callProvider(resolved, apiKey, task, deadline, redactor, { env, maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, killGraceMs: options.killGraceMs ?? 2000 });
    } finally {
      deadline.dispose();
    }
    if (!reply.ok) {
      const status = reply.error.code === 'TIMEOUT' ? 'TIMEOUT' : 'FAILED';
      return { status: 'failed', error: reply.error, toolCalls: [call.finish(status, { error: reply.error.code })] };
    }
    const usage = {
      provider: resolved.provider,
      model: reply.model,
      ...(reply.promptTokens === undefined ? {} : { promptTokens: reply.promptTokens }),
      ...(reply.completionTokens === undefined ? {} : { completionTokens: reply.completionTokens }),
    };
    const recorded = { model: reply.model, format: reply.format, finish_reason: reply.finishReason ?? null, prompt_tokens: reply.promptTokens ?? null, completion_tokens: reply.completionTokens ?? null };
    const parsed = parseAgentReply(reply, task.replySchema);
    if (!parsed.ok) {
      const cut = reply.finishReason === 'length' || reply.finishReason === 'max_tokens' ? ' (the reply was cut off at the token limit)' : '';
      // A malformed reply may be a fluke: one more attempt is allowed, then it is terminal.
      return stepFailed('INVALID_OUTPUT', `${node.id}: ${request.secrets.redact(parsed.message)}${cut}`, request.attempt <= 1, [call.finish('FAILED', recorded)]);
    }
    return {
      status: 'completed',
      output: redactValue(parsed.output, request.secrets) as Record<string, unknown>,
      confidence: parsed.confidence,
      usage,
      toolCalls: [call.finish('COMPLETED', recorded)],
    };
  }
}

function callProvider(
  resolved: Extract<ResolvedAgentModel, { ok: true }>,
  apiKey: string | undefined,
  task: AgentTask,
  deadline: ReturnType<typeof createStepDeadline>,
  redactor: StepRedactor,
  context: { env: Record<string, string | undefined>; maxOutputBytes: number; killGraceMs: number },
): Promise<ProviderReply> {
  const redact = (text: string): string => redactor.text(text);
  switch (resolved.provider) {
    case 'openai':
      return callOpenAi(resolved.config, apiKey, task, deadline, redact);
    case 'anthropic':
      return callAnthropic(resolved.config, apiKey, task, deadline, redact);
    case 'command':
      return callCommandAgent(resolved.config, task, deadline, { ...context, redactor });
    default: {
      const never: never = resolved;
      throw new Error(`unexpected provider ${JSON.stringify(never)}`);
    }
  }
}
