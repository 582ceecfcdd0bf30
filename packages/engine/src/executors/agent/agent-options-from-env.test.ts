import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentOptionsFromEnv } from './agent-options-from-env.js';

describe('agentOptionsFromEnv', () => {
  it('configures nothing when no variable is set (agent steps then escalate with NO_MODEL)', () => {
    assert.deepEqual(agentOptionsFromEnv({ PATH: '/usr/bin' }), { providers: {}, problems: [] });
  });

  it('reads an OpenAI-compatible server, Anthropic, a command agent and the default', () => {
    const settings = agentOptionsFromEnv({
      SOPFLOW_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', SOPFLOW_OPENAI_MODEL: 'llama3.1:8b',
      ANTHROPIC_API_KEY: 'sk-ant-x', SOPFLOW_ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      SOPFLOW_AGENT_COMMAND: `my-agent --format json --system "be brief"`, SOPFLOW_AGENT_COMMAND_ENV: 'MY_KEY, OTHER',
      SOPFLOW_AGENT_PROVIDER: 'anthropic',
    });
    assert.deepEqual(settings, {
      providers: {
        openai: { baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' },
        anthropic: { model: 'claude-sonnet-4-5', apiKeyEnv: 'ANTHROPIC_API_KEY' },
        command: { argv: ['my-agent', '--format', 'json', '--system', 'be brief'], env: ['MY_KEY', 'OTHER'] },
      },
      default: 'anthropic',
      problems: [],
    });
  });

  it('reports a command that needs a shell and an unknown default provider', () => {
    const settings = agentOptionsFromEnv({ SOPFLOW_AGENT_COMMAND: 'agent | tee log', SOPFLOW_AGENT_PROVIDER: 'gemini' });
    assert.equal(settings.providers.command, undefined);
    assert.equal(settings.default, undefined);
    assert.equal(settings.problems.length, 2);
    assert.match(settings.problems[0], /^SOPFLOW_AGENT_COMMAND: the command, character 7: unquoted "\|"/);
    assert.match(settings.problems[1], /SOPFLOW_AGENT_PROVIDER must be one of openai, anthropic, command, not gemini/);
  });
});
