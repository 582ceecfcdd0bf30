import type { Command } from 'commander';
import { currentOsUser } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, storeOptionsOf } from '../engine/open-engine.js';
import { CliError, ExitCode } from '../io/exit-code.js';

/**
 * `sopflow mcp` (the MCP server on stdio, acting as the tenant user your OS account maps to) and
 * `sopflow skills install [DIR]` (the agent skills into a coding agent's skills folder).
 */
export function registerMcpCommands(program: Command): void {
  program
    .command('mcp')
    .description('serve MCP on stdin/stdout for an AI agent, as the tenant user your OS account maps to (sopflow users add EMAIL --tenant T --role R --os-user ACCOUNT)')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (opts: { db?: string; auditKey?: string }) => {
      const { serveStdio } = await import('@sopflow/mcp');
      const store = storeOptionsOf(opts);
      await engineCall(() => serveStdio({ osUser: currentOsUser(), ...store }));
    });

  const skills = program.command('skills').description("sopflow's agent skills (manage-sops, import-sops-from-document, sop-opportunity-analyst)");
  skills
    .command('install')
    .description('copy the skills into a coding agent\'s skills folder (DIR/<name>/SKILL.md)')
    .argument('[dir]', 'skills folder', '.claude/skills')
    .action(async (dir: string) => {
      const { installSkills, readSkills, skillsDirectory } = await import('@sopflow/mcp');
      let found;
      try {
        found = readSkills(skillsDirectory());
      } catch (error) {
        throw new CliError(`cannot read the skills: ${(error as Error).message}`, ExitCode.failed);
      }
      for (const s of installSkills(found, dir)) process.stdout.write(`${s.status} ${s.name} → ${s.path}\n`);
    });
  skills
    .command('list')
    .description('list the skills with their descriptions')
    .action(async () => {
      const { readSkills, skillsDirectory } = await import('@sopflow/mcp');
      for (const s of readSkills(skillsDirectory())) process.stdout.write(`${s.name}: ${s.description}\n`);
    });
}
