import type { Runtime } from '@sopflow/format';
import type { AnthropicProviderConfig } from './anthropic-provider.js';
import type { CommandProviderConfig } from './command-provider.js';
import type { OpenAiProviderConfig } from './openai-provider.js';

export type AgentProviderName = 'openai' | 'anthropic' | 'command';

/** Which models an agent executor may call; a provider left out is not configured. */
export interface AgentProviders {
  openai?: OpenAiProviderConfig;
  anthropic?: AnthropicProviderConfig;
  command?: CommandProviderConfig;
}

export type ResolvedAgentModel =
  | { ok: true; provider: 'openai'; model: string; config: OpenAiProviderConfig }
  | { ok: true; provider: 'anthropic'; model: string; config: AnthropicProviderConfig }
  | { ok: true; provider: 'command'; model: string; config: CommandProviderConfig }
  | { ok: false; message: string };

const ALIASES: Record<string, AgentProviderName> = {
  openai: 'openai', 'openai-compatible': 'openai', ollama: 'openai', vllm: 'openai', 'llama.cpp': 'openai', llamacpp: 'openai', lmstudio: 'openai',
  anthropic: 'anthropic', claude: 'anthropic',
  command: 'command', cli: 'command',
};

/**
 * Pure; the provider and model a node runs on: `runtime.provider` (or the executor's default,
 * or the only configured provider) and `runtime.model` (or the provider's model). `ok: false`
 * means no model is configured for this node, and says what is missing.
 */
export function resolveAgentModel(runtime: Runtime | undefined, providers: AgentProviders, fallback?: AgentProviderName): ResolvedAgentModel {
  const configured = (Object.keys(providers) as AgentProviderName[]).filter((name) => providers[name] !== undefined);
  const asked = typeof runtime?.provider === 'string' ? runtime.provider : undefined;
  const name = asked === undefined ? fallback ?? (configured.length === 1 ? configured[0] : undefined) : ALIASES[asked.toLowerCase()];
  if (name === undefined) {
    return { ok: false, message: asked === undefined ? 'no agent provider is configured (set providers and default in the engine configuration)' : `unknown agent provider "${asked}" (use openai, anthropic or command)` };
  }
  const model = typeof runtime?.model === 'string' && runtime.model !== '' ? runtime.model : undefined;
  switch (name) {
    case 'openai': {
      const config = providers.openai;
      if (config === undefined) return { ok: false, message: 'the openai provider is not configured' };
      const chosen = model ?? config.model;
      return chosen === undefined ? { ok: false, message: 'no model: set runtime.model on the node or a model for the openai provider' } : { ok: true, provider: name, model: chosen, config };
    }
    case 'anthropic': {
      const config = providers.anthropic;
      if (config === undefined) return { ok: false, message: 'the anthropic provider is not configured' };
      const chosen = model ?? config.model;
      return chosen === undefined ? { ok: false, message: 'no model: set runtime.model on the node or a model for the anthropic provider' } : { ok: true, provider: name, model: chosen, config };
    }
    case 'command': {
      const config = providers.command;
      if (config === undefined || config.argv.length === 0) return { ok: false, message: 'the command agent is not configured (providers.command.argv)' };
      return { ok: true, provider: name, model: model ?? config.model ?? config.argv[0], config };
    }
    default: {
      const never: never = name;
      return { ok: false, message: `unknown provider ${String(never)}` };
    }
  }
}
