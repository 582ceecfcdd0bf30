import { splitCommandWords } from '../cli/split-command-words.js';
import type { AgentProviderName, AgentProviders } from './resolve-agent-model.js';

/** Agent executor settings read from the environment, and what was wrong with them. */
export interface AgentEnvSettings {
  providers: AgentProviders;
  default?: AgentProviderName;
  problems: string[];
}

const PROVIDERS: readonly AgentProviderName[] = ['openai', 'anthropic', 'command'];

/**
 * Pure; agent providers from environment variables, for the CLI and worker:
 * `SOPFLOW_OPENAI_BASE_URL` / `SOPFLOW_OPENAI_MODEL` (key in `OPENAI_API_KEY`, or the variable
 * named by `SOPFLOW_OPENAI_API_KEY_ENV`), `SOPFLOW_ANTHROPIC_BASE_URL` / `SOPFLOW_ANTHROPIC_MODEL`
 * (`ANTHROPIC_API_KEY`), `SOPFLOW_AGENT_COMMAND` (split without a shell) with
 * `SOPFLOW_AGENT_COMMAND_ENV` (comma-separated names), and `SOPFLOW_AGENT_PROVIDER` as the
 * default. A provider is configured when any of its variables is set; none set = NO_MODEL.
 *
 * @example agentOptionsFromEnv({ SOPFLOW_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', SOPFLOW_OPENAI_MODEL: 'llama3.1:8b' })
 */
export function agentOptionsFromEnv(env: Record<string, string | undefined>): AgentEnvSettings {
  const providers: AgentProviders = {};
  const problems: string[] = [];
  const set = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

  const openai = httpProvider(set('SOPFLOW_OPENAI_BASE_URL'), set('SOPFLOW_OPENAI_MODEL'),
    set('SOPFLOW_OPENAI_API_KEY_ENV') ?? (set('OPENAI_API_KEY') === undefined ? undefined : 'OPENAI_API_KEY'));
  if (openai !== undefined) providers.openai = openai;
  const anthropic = httpProvider(set('SOPFLOW_ANTHROPIC_BASE_URL'), set('SOPFLOW_ANTHROPIC_MODEL'),
    set('ANTHROPIC_API_KEY') === undefined ? undefined : 'ANTHROPIC_API_KEY');
  if (anthropic !== undefined) providers.anthropic = anthropic;

  const command = set('SOPFLOW_AGENT_COMMAND');
  if (command !== undefined) {
    const split = splitCommandWords(command);
    if (!split.ok || split.words.length === 0) {
      problems.push(`SOPFLOW_AGENT_COMMAND: ${split.ok ? 'no words' : split.message.replace('runtime.command', 'the command')}`);
    } else {
      const names = (set('SOPFLOW_AGENT_COMMAND_ENV') ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
      providers.command = { argv: split.words, ...(names.length === 0 ? {} : { env: names }) };
    }
  }

  const asked = set('SOPFLOW_AGENT_PROVIDER');
  if (asked !== undefined && !PROVIDERS.includes(asked as AgentProviderName)) {
    problems.push(`SOPFLOW_AGENT_PROVIDER must be one of ${PROVIDERS.join(', ')}, not ${asked}`);
    return { providers, problems };
  }
  return { providers, ...(asked === undefined ? {} : { default: asked as AgentProviderName }), problems };
}

/** An HTTP provider's settings with only the variables that are set; undefined when none is. */
function httpProvider(baseURL: string | undefined, model: string | undefined, apiKeyEnv: string | undefined) {
  if (baseURL === undefined && model === undefined && apiKeyEnv === undefined) return undefined;
  return {
    ...(baseURL === undefined ? {} : { baseURL }),
    ...(model === undefined ? {} : { model }),
    ...(apiKeyEnv === undefined ? {} : { apiKeyEnv }),
  };
}
