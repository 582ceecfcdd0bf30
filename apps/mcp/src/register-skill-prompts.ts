import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Skill } from './read-skills.js';

/** Each skill as an MCP prompt of the same name: its description, and its instructions as one user message. */
export function registerSkillPrompts(server: McpServer, skills: readonly Skill[]): void {
  for (const skill of skills) {
    server.registerPrompt(skill.name, { title: skill.name, description: skill.description }, () => ({
      description: skill.description,
      messages: [{ role: 'user', content: { type: 'text', text: skill.body } }],
    }));
  }
}
